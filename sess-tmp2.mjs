import fs from 'node:fs';
import pkg from 'onnx-proto';
const { onnx } = pkg;
for (const f of process.argv.slice(2)) {
  const m = onnx.ModelProto.decode(fs.readFileSync(f));
  const c = {}; for (const n of m.graph.node) c[(n.domain?n.domain+':':'')+n.opType] = (c[(n.domain?n.domain+':':'')+n.opType]??0)+1;
  console.log(f, JSON.stringify(c));
}
