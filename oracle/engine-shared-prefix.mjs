// llama.cpp side of SharedPrefixBench (docs/benchmarks.md, engine section): REQUESTS greedy requests of NEW_TOKENS
// tokens whose prompts share a prefix, on PARALLEL sequences of one context (node-llama-cpp batches concurrent
// sequences into one llama_decode). Each sequence keeps its previous prompt's tokens and evaluates only what differs
// (llama.cpp's per-sequence prompt reuse, as llama-server's cache_prompt does). Prints aggregate generated tokens/s.
//
//   node oracle/engine-shared-prefix.mjs MODEL.gguf THREADS PROMPTS.json [NEW_TOKENS=128] [PARALLEL=16]
//
// PROMPTS.json: the prompt texts (java ... SharedPrefixBench writes them with a 7th argument).
import {getLlama} from "node-llama-cpp";
import fs from "node:fs";
import path from "node:path";

const [modelPath, threadsArg, promptsPath, newArg = "128", parArg = "16"] = process.argv.slice(2);
const threads = Number(threadsArg), newTokens = Number(newArg), parallel = Number(parArg);
const prompts = JSON.parse(fs.readFileSync(promptsPath, "utf8"));
const llama = await getLlama({gpu: false, build: "never", logLevel: "error", maxThreads: threads});
const model = await llama.loadModel({modelPath});
const context = await model.createContext({
  // contextSize is per sequence in node-llama-cpp (the KV cache holds sequences x contextSize positions): a prompt
  // of ~255 tokens and 128 new ones fit 512
  sequences: parallel, contextSize: 512, batchSize: 512, threads: {ideal: threads, min: threads},
  flashAttention: false, experimentalKvCacheKeyType: "F32", experimentalKvCacheValueType: "F32",
});
console.error(`context ${context.contextSize} tokens, ${parallel} sequences`);
const seqs = Array.from({length: parallel}, () => context.getSequence());

async function run(list) {
  let next = 0, generated = 0, reused = 0;
  await Promise.all(seqs.map(async seq => {
    while (next < list.length) {
      const full = model.tokenize(list[next++]);
      const cur = seq.contextTokens;
      let c = 0;
      while (c < cur.length && c < full.length - 1 && cur[c] === full[c]) c++;
      if (cur.length > c) await seq.eraseContextTokenRanges([{start: c, end: cur.length}]);
      reused += c;
      let n = 0;
      for await (const t of seq.evaluate(full.slice(c), {temperature: 0})) {
        if (model.isEogToken(t)) break;
        n++;
        if (n >= newTokens) break;
      }
      generated += n;
    }
  }));
  return {generated, reused};
}

await run(prompts.slice(0, parallel)); // warm-up, as the Java side
const t0 = process.hrtime.bigint();
const {generated, reused} = await run(prompts);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`llama.cpp ${path.basename(modelPath)} threads=${threads} shared prefix: ${prompts.length} requests (${
  reused} prompt tokens reused) x ${newTokens} new, ${parallel} parallel: ${generated} generated in ${
  seconds.toFixed(1)} s = ${(generated / seconds).toFixed(2)} tok/s`);
await context.dispose();
await model.dispose();
