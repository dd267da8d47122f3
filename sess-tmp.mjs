import * as ort from 'onnxruntime-node';
const m = 'reports/bench/model/onnx/model.onnx';
const rows = Number(process.argv[3] ?? 32), width = Number(process.argv[4] ?? 20);
const ids = new BigInt64Array(rows*width).fill(5n), mask = new BigInt64Array(rows*width).fill(1n);
for (const level of process.argv[2].split(',')) {
  const s = await ort.InferenceSession.create(m, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: level, optimizedModelFilePath: `/tmp/opt-${level}.onnx` });
  const feeds = { input_ids: new ort.Tensor('int64', ids, [rows,width]), attention_mask: new ort.Tensor('int64', mask, [rows,width]) };
  await s.run(feeds);
  const t = performance.now(); const N = Math.ceil(640*20/(rows*width));
  for (let i=0;i<N;i++) await s.run(feeds);
  const dt = (performance.now()-t)/1000;
  console.log(level, rows, width, (N*rows/dt).toFixed(1), 'rows/s', (N*rows*width/dt).toFixed(0), 'tok/s');
  await s.release();
}
