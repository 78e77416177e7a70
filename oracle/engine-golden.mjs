// Golden outputs of llama.cpp (node-llama-cpp, CPU, F32 KV cache, no flash attention) for the engine's fixture
// models: tokenizations, raw logits at every prompt position, greedy continuations.
//
//   node oracle/engine-golden.mjs [fixture-dir]     (default udf-inference/src/test/resources/engine-fixtures)
//   KV=F16 node oracle/engine-golden.mjs DIR         the same with an F16 KV cache: <model>.kv-f16.golden.json
//
// Writes <model>.golden.json next to each <model>.gguf. The Java tests (udf-inference, LlamaCppParityTest)
// compare against these files; regenerate them whenever the fixtures change (docs/generate-text.md).
import {getLlama} from "node-llama-cpp";
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2] ?? "udf-inference/src/test/resources/engine-fixtures";
const kv = process.env.KV ?? "F32";

export const TOKENIZE_TEXTS = [
  "今天天气很好，我们去公园散步。",
  "The quick brown fox jumps over the lazy dog.",
  "Prices: 128 yuan, 2024 models, 3.5 kg, 100% cotton.",
  "Call 400-123-4567 today!! 1234567890",
  "emoji 😀👍🏽 and 🇨🇳 flags",
  "  leading spaces,\ttabs\nand\n\nnewlines  ",
  "混合 mixed 文本 text 123 ！？",
  "ÀÉÎõü café naïve",
  "",
];
const LOGIT_PROMPTS = ["今天天气很好，我们", "The quick brown fox, 2024"];
const GREEDY_PROMPTS = ["Once upon a time", "这家商店的衣服"];
const GREEDY_TOKENS = 24;

const llama = await getLlama({gpu: false, build: "never", logLevel: "error"});

for (const file of fs.readdirSync(dir).filter(f => f.endsWith(".gguf")).sort()) {
  const model = await llama.loadModel({modelPath: path.join(dir, file)});
  const context = await model.createContext({
    sequences: 1,
    contextSize: 256, batchSize: 256, threads: 2, flashAttention: false,
    experimentalKvCacheKeyType: kv, experimentalKvCacheValueType: kv,
  });
  const sequence = context.getSequence();
  const promptTokens = text => {
    const t = model.tokenize(text, false);
    return model.tokens.bos != null && model.tokens.shouldPrependBosToken ? [model.tokens.bos, ...t] : t;
  };
  const out = {
    model: file,
    llamaCpp: `node-llama-cpp 3.22.1 (CPU, ${kv} KV cache, flashAttention off)`,
    tokenize: TOKENIZE_TEXTS.map(text => ({text, tokens: model.tokenize(text, false)})),
    tokenizeSpecial: [],
    logits: [],
    greedy: [],
  };
  for (const text of ["<|im_start|>user\nhi<|im_end|>", "<|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|>",
    "<s>Once</s>"]) {
    out.tokenizeSpecial.push({text, tokens: model.tokenize(text, true)});
  }
  for (const text of LOGIT_PROMPTS) {
    const tokens = promptTokens(text);
    await sequence.clearHistory();
    const res = await sequence.controlledEvaluate(tokens.map(t => [t, {generateNext: {logits: true}}]));
    const rows = res.map(r => {
      const arr = [];
      for (const [id, v] of r.next.logits) arr[id] = v;
      return Array.from(arr, v => Number(v.toPrecision(6)));
    });
    out.logits.push({text, tokens, rows});
  }
  for (const text of GREEDY_PROMPTS) {
    const tokens = promptTokens(text);
    await sequence.clearHistory();
    const generated = [];
    for await (const t of sequence.evaluate(tokens, {temperature: 0})) {
      generated.push(t);
      if (model.isEogToken(t) || generated.length >= GREEDY_TOKENS) break;
    }
    out.greedy.push({text, tokens, generated, textOut: model.detokenize(generated.filter(t => !model.isEogToken(t)))});
  }
  const suffix = kv === "F32" ? ".golden.json" : `.kv-${kv.toLowerCase()}.golden.json`;
  fs.writeFileSync(path.join(dir, file.replace(/\.gguf$/, suffix)), JSON.stringify(out) + "\n");
  console.log(`${file}: ${out.tokenize.length} tokenizations, ${out.logits.length} logit prompts, greedy ${
    out.greedy.map(g => g.generated.length).join("/")}`);
  await context.dispose();
  await model.dispose();
}
