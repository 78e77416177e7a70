// llama.cpp side of docs/benchmarks.md (engine section): single-sequence prompt processing (one evaluation of N prompt
// tokens) and greedy decode (M tokens) with node-llama-cpp on the CPU, medians over runs.
//
//   node oracle/engine-bench.mjs MODEL.gguf THREADS [PROMPT_TOKENS=128] [DECODE_TOKENS=32] [RUNS=3] [BATCH=0]
//
// The prompt is the same fixed list of token ids the Java side (EngineBench) uses. With BATCH > 0 it also measures
// batched decode as EngineBench does: BATCH sequences of one context, each started with a one-token prompt, then
// DECODE_TOKENS greedy tokens each, evaluated concurrently (node-llama-cpp puts concurrent sequences' tokens into
// one llama_decode batch); reported as generated tokens per second over all sequences.
import {getLlama} from "node-llama-cpp";
import path from "node:path";

const [modelPath, threadsArg, ppArg = "128", tgArg = "32", runsArg = "3", batchArg = "0"] = process.argv.slice(2);
const threads = Number(threadsArg), pp = Number(ppArg), tg = Number(tgArg), runs = Number(runsArg);
const batch = Number(batchArg);
const llama = await getLlama({gpu: false, build: "never", logLevel: "error", maxThreads: threads});
const model = await llama.loadModel({modelPath});
const context = await model.createContext({
  sequences: 1, contextSize: pp + tg + 16, batchSize: pp, threads: {ideal: threads, min: threads},
  flashAttention: false, experimentalKvCacheKeyType: "F32", experimentalKvCacheValueType: "F32",
});
const sequence = context.getSequence();
const prompt = Array.from({length: pp}, (_, i) => 1000 + (i * 7919) % 20000);
const ppRates = [], tgRates = [];
for (let r = -1; r < runs; r++) {
  await sequence.clearHistory();
  const t0 = process.hrtime.bigint();
  const res = await sequence.controlledEvaluate([...prompt.slice(0, -1), [prompt[pp - 1], {generateNext: {token: true}}]]);
  const t1 = process.hrtime.bigint();
  let n = 0;
  for await (const t of sequence.evaluate([res.at(-1).next.token], {temperature: 0})) {
    if (++n >= tg) break;
  }
  const t2 = process.hrtime.bigint();
  if (r >= 0) {
    ppRates.push(pp / (Number(t1 - t0) / 1e9));
    tgRates.push(tg / (Number(t2 - t1) / 1e9));
  }
}
const median = v => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
console.log(`llama.cpp ${path.basename(modelPath)} threads=${threads} pp${pp} ${median(ppRates).toFixed(2)} tok/s  tg${tg} ${
  median(tgRates).toFixed(2)} tok/s  (pp ${ppRates.map(x => x.toFixed(2))} tg ${tgRates.map(x => x.toFixed(2))})`);
await context.dispose();
if (batch > 0) {
  const bctx = await model.createContext({
    sequences: batch, contextSize: tg + 16, batchSize: Math.max(batch, 64), threads: {ideal: threads, min: threads},
    flashAttention: false, experimentalKvCacheKeyType: "F32", experimentalKvCacheValueType: "F32",
  });
  const seqs = Array.from({length: batch}, () => bctx.getSequence());
  const rates = [];
  for (let r = -1; r < runs; r++) {
    await Promise.all(seqs.map(s => s.clearHistory()));
    const firsts = await Promise.all(seqs.map((s, i) =>
      s.controlledEvaluate([[1000 + 37 * i, {generateNext: {token: true}}]])));
    const t0 = process.hrtime.bigint();
    await Promise.all(seqs.map(async (s, i) => {
      let n = 0;
      for await (const t of s.evaluate([firsts[i].at(-1).next.token], {temperature: 0})) {
        if (++n >= tg) break;
      }
    }));
    const t1 = process.hrtime.bigint();
    if (r >= 0) rates.push(batch * tg / (Number(t1 - t0) / 1e9));
  }
  console.log(`llama.cpp ${path.basename(modelPath)} threads=${threads} batched decode ${batch} seqs x ${tg} steps ${
    median(rates).toFixed(2)} tok/s  (${rates.map(x => x.toFixed(2))})`);
  await bctx.dispose();
}
await model.dispose();
