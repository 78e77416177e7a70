// Encodes strings with two independent tokenizer implementations, for the vocab compatibility tests:
//   - Hugging Face tokenizers.js (@huggingface/tokenizers) loading our tokenizer.json
//   - llama.cpp (node-llama-cpp, vocab only) loading a GGUF that carries our tokenizer.ggml.* metadata
//
//   node oracle/vocab-encode.mjs REQUEST.json
//
// REQUEST.json: {"tokenizer_json": path|null, "gguf": path|null, "texts": [string...]}
// Prints one JSON object: {"hf": [[ids]...], "hf_decoded": [string...], "llama_special": [[ids]...],
// "llama_ordinary": [[ids]...], "llama_decoded": [string...]} (keys present only for the inputs given).
// hf parses special tokens in the text (tokenizers.js always does); llama_special / llama_ordinary are
// llama_tokenize with parse_special true / false.
import fs from "node:fs";

const request = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const texts = request.texts;
const result = {};

if (request.tokenizer_json) {
  const {Tokenizer} = await import("@huggingface/tokenizers");
  const json = JSON.parse(fs.readFileSync(request.tokenizer_json, "utf8"));
  const tokenizer = new Tokenizer(json, {});
  result.hf = texts.map(t => Array.from(tokenizer.encode(t, {add_special_tokens: false}).ids));
  // tokenizers.js refuses to decode an empty id list
  result.hf_decoded = result.hf.map(ids => ids.length === 0 ? "" : tokenizer.decode(ids, {skip_special_tokens: false, clean_up_tokenization_spaces: false}));
}

if (request.gguf) {
  const {getLlama} = await import("node-llama-cpp");
  const llama = await getLlama({gpu: false, build: "never", logLevel: "error"});
  const model = await llama.loadModel({modelPath: request.gguf, vocabOnly: true});
  result.llama_special = texts.map(t => Array.from(model.tokenize(t, true)));
  result.llama_ordinary = texts.map(t => Array.from(model.tokenize(t, false)));
  result.llama_decoded = result.llama_special.map(ids => model.detokenize(ids, true));
  await model.dispose();
  await llama.dispose();
}

process.stdout.write(JSON.stringify(result) + "\n");
