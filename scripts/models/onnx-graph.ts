/**
 * A small, typed, deterministic ONNX model writer.
 *
 * Describe a graph as plain data (inputs, outputs, initializers, nodes) and
 * {@link encodeModel} turns it into the bytes of an `.onnx` file
 * (`onnx.ModelProto`, serialised with the protobufjs classes of `onnx-proto`).
 *
 * Nothing here knows about any particular model: any operator, any domain and
 * any attribute can be written, and initializers may be float32, int64, int32
 * or bool. The same inputs always give byte-identical output (no timestamps,
 * no random names, tensor payloads written little-endian as `raw_data`).
 *
 * @example
 * ```ts
 * const bytes = encodeModel({
 *   graphName: 'add-one',
 *   inputs: [{ name: 'x', dtype: 'float32', shape: ['batch', 3] }],
 *   outputs: [{ name: 'y', dtype: 'float32', shape: ['batch', 3] }],
 *   initializers: [{ name: 'one', dtype: 'float32', dims: [], data: [1] }],
 *   nodes: [{ opType: 'Add', inputs: ['x', 'one'], outputs: ['y'] }],
 * });
 * ```
 *
 * @module
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** Element types this writer can declare for graph values and initializers. */
export type DType = 'float32' | 'int64' | 'int32' | 'bool';

/** ONNX `TensorProto.DataType` code of each supported {@link DType}. */
export const ONNX_DATA_TYPE: Readonly<Record<DType, number>> = Object.freeze({
  float32: 1, // FLOAT
  int32: 6, // INT32
  int64: 7, // INT64
  bool: 9, // BOOL
});

/**
 * One dimension of a declared shape: a fixed size (`number`) or a symbolic
 * name (`string`, e.g. `'batch_size'`) that stays dynamic at run time.
 */
export type Dim = number | string;

/** A typed tensor value of the graph: a graph input, output or annotated intermediate. */
export interface ValueInfo {
  /** Name that nodes use to refer to the value. */
  name: string;
  /** Element type. */
  dtype: DType;
  /** Shape; `undefined` leaves the rank unknown. */
  shape?: readonly Dim[];
  /** Optional description stored as `doc_string`. */
  docString?: string;
}

/** Element data accepted for a float32 initializer. */
export type Float32Data = Float32Array | readonly number[];
/** Element data accepted for an int64 initializer (numbers must be safe integers). */
export type Int64Data = BigInt64Array | readonly (number | bigint)[];
/** Element data accepted for an int32 initializer. */
export type Int32Data = Int32Array | readonly number[];
/** Element data accepted for a bool initializer. */
export type BoolData = readonly boolean[] | Uint8Array;

/** Fields shared by every initializer. */
interface InitializerBase {
  /** Name that nodes use to refer to the constant. */
  name: string;
  /** Shape; `[]` is a scalar. The element count must equal the product of `dims`. */
  dims: readonly number[];
  /** Optional description stored as `doc_string`. */
  docString?: string;
}

/**
 * A constant tensor stored in the model (weights, biases, axes, shapes ...),
 * discriminated by `dtype` so that `data` is typed accordingly.
 */
export type Initializer =
  | (InitializerBase & { dtype: 'float32'; data: Float32Data })
  | (InitializerBase & { dtype: 'int64'; data: Int64Data })
  | (InitializerBase & { dtype: 'int32'; data: Int32Data })
  | (InitializerBase & { dtype: 'bool'; data: BoolData });

/**
 * A node attribute value. Tagged explicitly, because a JavaScript number does
 * not say whether ONNX expects an INT or a FLOAT (e.g. `Cast.to` is an int,
 * `LayerNormalization.epsilon` a float).
 */
export type AttributeValue =
  | { int: number | bigint }
  | { float: number }
  | { string: string }
  | { ints: readonly (number | bigint)[] }
  | { floats: readonly number[] }
  | { strings: readonly string[] }
  | { tensor: Initializer };

/** Helpers to write {@link AttributeValue}s tersely: `attr.int(1)`, `attr.floats([0.5])`. */
export const attr = {
  /** An INT attribute. */
  int: (value: number | bigint): AttributeValue => ({ int: value }),
  /** A FLOAT attribute. */
  float: (value: number): AttributeValue => ({ float: value }),
  /** A STRING attribute (UTF-8 encoded). */
  string: (value: string): AttributeValue => ({ string: value }),
  /** An INTS attribute. */
  ints: (values: readonly (number | bigint)[]): AttributeValue => ({ ints: values }),
  /** A FLOATS attribute. */
  floats: (values: readonly number[]): AttributeValue => ({ floats: values }),
  /** A STRINGS attribute. */
  strings: (values: readonly string[]): AttributeValue => ({ strings: values }),
  /** A TENSOR attribute (e.g. for `Constant`); the tensor's `name` is kept. */
  tensor: (value: Initializer): AttributeValue => ({ tensor: value }),
} as const;

/** One operator application. */
export interface NodeSpec {
  /** Operator name, e.g. `'Gather'`, `'MatMul'`, `'LayerNormalization'`. */
  opType: string;
  /** Input value names, in operator order; use `''` for an omitted optional input. */
  inputs: readonly string[];
  /** Output value names, in operator order. */
  outputs: readonly string[];
  /** Node name; defaults to `<opType>_<index>`. Must be unique in the graph. */
  name?: string;
  /** Operator domain; defaults to `''` (the default ONNX domain). */
  domain?: string;
  /** Attributes, written in the object's key order. */
  attributes?: Readonly<Record<string, AttributeValue>>;
  /** Optional description stored as `doc_string`. */
  docString?: string;
}

/** An operator set the model imports. */
export interface OpsetImport {
  /** `''` for the default ONNX domain, e.g. `'com.microsoft'` for ORT contrib ops. */
  domain: string;
  /** Opset version of that domain. */
  version: number;
}

/** Everything needed to write a single-graph ONNX model. */
export interface ModelSpec {
  /** Name of the graph. */
  graphName: string;
  /** Graph inputs fed at run time (initializers must not be listed here). */
  inputs: readonly ValueInfo[];
  /** Graph outputs. */
  outputs: readonly ValueInfo[];
  /** Constant tensors. */
  initializers: readonly Initializer[];
  /** Nodes in topological order (every input is defined before it is used). */
  nodes: readonly NodeSpec[];
  /** Optional type/shape annotations of intermediate values. */
  valueInfo?: readonly ValueInfo[];
  /** Version of the default ONNX opset; default 17. */
  opsetVersion?: number;
  /** Further opsets, e.g. `{ domain: 'com.microsoft', version: 1 }`. */
  extraOpsets?: readonly OpsetImport[];
  /** ONNX IR version; default 8. */
  irVersion?: number;
  /** `producer_name`; default `'counterfair'`. */
  producerName?: string;
  /** `producer_version`; default `''`. Keep it fixed for reproducible bytes. */
  producerVersion?: string;
  /** Model `doc_string`. */
  docString?: string;
  /** Graph `doc_string`. */
  graphDocString?: string;
  /** `metadata_props`, written in key order. */
  metadata?: Readonly<Record<string, string>>;
}

const textEncoder = new TextEncoder();

function elementCount(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) {
    if (!Number.isSafeInteger(d) || d < 0) throw new Error(`invalid dimension ${d}`);
    n *= d;
  }
  return n;
}

function toBigInt(value: number | bigint, what: string): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new Error(`${what}: ${value} is not a safe integer`);
  return BigInt(value);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * An int64 protobuf field value: a plain number when it is a safe integer,
 * otherwise its decimal string, which protobufjs parses with `long` (so values
 * such as INT64_MAX, common in Slice/Clip attributes, survive exactly).
 */
function int64Field(value: number | bigint, what: string): number {
  const big = toBigInt(value, what);
  if (big < INT64_MIN || big > INT64_MAX) throw new Error(`${what}: ${big} does not fit in int64`);
  const asNumber = Number(big);
  return Number.isSafeInteger(asNumber) ? asNumber : (big.toString() as unknown as number);
}

/**
 * Serialises the elements of an initializer as little-endian `raw_data`
 * (the layout ONNX prescribes), independent of the host's endianness.
 */
export function tensorRawData(init: Initializer): Uint8Array {
  const n = elementCount(init.dims);
  if (init.data.length !== n) {
    throw new Error(
      `initializer ${init.name}: ${init.data.length} elements for dims [${init.dims.join(', ')}] (expected ${n})`,
    );
  }
  switch (init.dtype) {
    case 'float32': {
      const out = new Uint8Array(n * 4);
      const view = new DataView(out.buffer);
      for (let i = 0; i < n; i++) view.setFloat32(i * 4, init.data[i] as number, true);
      return out;
    }
    case 'int64': {
      const out = new Uint8Array(n * 8);
      const view = new DataView(out.buffer);
      for (let i = 0; i < n; i++) {
        view.setBigInt64(i * 8, toBigInt(init.data[i] as number | bigint, `initializer ${init.name}`), true);
      }
      return out;
    }
    case 'int32': {
      const out = new Uint8Array(n * 4);
      const view = new DataView(out.buffer);
      for (let i = 0; i < n; i++) {
        const v = init.data[i] as number;
        if (!Number.isInteger(v) || v < -2147483648 || v > 2147483647) {
          throw new Error(`initializer ${init.name}: ${v} is not an int32`);
        }
        view.setInt32(i * 4, v, true);
      }
      return out;
    }
    case 'bool': {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = init.data[i] ? 1 : 0;
      return out;
    }
  }
}

function tensorProto(init: Initializer): onnxProto.onnx.ITensorProto {
  const t: onnxProto.onnx.ITensorProto = {
    name: init.name,
    dims: [...init.dims],
    dataType: ONNX_DATA_TYPE[init.dtype],
    rawData: tensorRawData(init),
  };
  if (init.docString !== undefined) t.docString = init.docString;
  return t;
}

function valueInfoProto(v: ValueInfo): onnxProto.onnx.IValueInfoProto {
  const tensorType: onnxProto.onnx.TypeProto.ITensor = { elemType: ONNX_DATA_TYPE[v.dtype] };
  if (v.shape !== undefined) {
    tensorType.shape = {
      dim: v.shape.map((d) => {
        if (typeof d === 'string') return { dimParam: d };
        if (!Number.isSafeInteger(d) || d < 0) throw new Error(`value ${v.name}: invalid dimension ${d}`);
        return { dimValue: d };
      }),
    };
  }
  const out: onnxProto.onnx.IValueInfoProto = { name: v.name, type: { tensorType } };
  if (v.docString !== undefined) out.docString = v.docString;
  return out;
}

function attributeProto(name: string, value: AttributeValue): onnxProto.onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if ('int' in value) return { name, type: T.INT, i: int64Field(value.int, `attribute ${name}`) };
  if ('float' in value) return { name, type: T.FLOAT, f: value.float };
  if ('string' in value) return { name, type: T.STRING, s: textEncoder.encode(value.string) };
  if ('ints' in value) {
    return { name, type: T.INTS, ints: value.ints.map((x) => int64Field(x, `attribute ${name}`)) };
  }
  if ('floats' in value) return { name, type: T.FLOATS, floats: [...value.floats] };
  if ('strings' in value) return { name, type: T.STRINGS, strings: value.strings.map((s) => textEncoder.encode(s)) };
  return { name, type: T.TENSOR, t: tensorProto(value.tensor) };
}

/**
 * Checks the structural rules ONNX Runtime would otherwise reject with a less
 * helpful message: unique names, every node input defined before use (graph
 * input, initializer or earlier node output), every graph output produced.
 *
 * @throws Error describing the first problem found.
 */
export function validateModelSpec(spec: ModelSpec): void {
  const defined = new Set<string>();
  const define = (name: string, what: string): void => {
    if (name === '') throw new Error(`${what}: empty value name`);
    if (defined.has(name)) throw new Error(`${what}: value "${name}" is defined twice`);
    defined.add(name);
  };
  for (const v of spec.inputs) define(v.name, 'graph input');
  for (const init of spec.initializers) {
    define(init.name, 'initializer');
    if (init.data.length !== elementCount(init.dims)) {
      throw new Error(`initializer ${init.name}: element count does not match dims`);
    }
  }
  const nodeNames = new Set<string>();
  spec.nodes.forEach((node, index) => {
    const name = node.name ?? `${node.opType}_${index}`;
    if (nodeNames.has(name)) throw new Error(`node name "${name}" is used twice`);
    nodeNames.add(name);
    for (const input of node.inputs) {
      if (input !== '' && !defined.has(input)) {
        throw new Error(`node ${name} (${node.opType}): input "${input}" is not defined before use`);
      }
    }
    for (const output of node.outputs) define(output, `node ${name} (${node.opType})`);
  });
  for (const v of spec.outputs) {
    if (!defined.has(v.name)) throw new Error(`graph output "${v.name}" is never produced`);
  }
}

/**
 * Builds the `onnx.ModelProto` message object for `spec` (after
 * {@link validateModelSpec}). Useful for inspection; most callers want
 * {@link encodeModel}.
 */
export function buildModelProto(spec: ModelSpec): onnxProto.onnx.IModelProto {
  validateModelSpec(spec);
  const graph: onnxProto.onnx.IGraphProto = {
    name: spec.graphName,
    node: spec.nodes.map((node, index) => {
      const n: onnxProto.onnx.INodeProto = {
        name: node.name ?? `${node.opType}_${index}`,
        opType: node.opType,
        input: [...node.inputs],
        output: [...node.outputs],
      };
      if (node.domain !== undefined && node.domain !== '') n.domain = node.domain;
      const attrs = Object.entries(node.attributes ?? {});
      if (attrs.length > 0) n.attribute = attrs.map(([k, v]) => attributeProto(k, v));
      if (node.docString !== undefined) n.docString = node.docString;
      return n;
    }),
    initializer: spec.initializers.map(tensorProto),
    input: spec.inputs.map(valueInfoProto),
    output: spec.outputs.map(valueInfoProto),
  };
  if (spec.valueInfo !== undefined && spec.valueInfo.length > 0) graph.valueInfo = spec.valueInfo.map(valueInfoProto);
  if (spec.graphDocString !== undefined) graph.docString = spec.graphDocString;

  const model: onnxProto.onnx.IModelProto = {
    irVersion: spec.irVersion ?? 8,
    opsetImport: [
      { domain: '', version: spec.opsetVersion ?? 17 },
      ...(spec.extraOpsets ?? []).map((o) => ({ domain: o.domain, version: o.version })),
    ],
    producerName: spec.producerName ?? 'counterfair',
    producerVersion: spec.producerVersion ?? '',
    graph,
  };
  if (spec.docString !== undefined) model.docString = spec.docString;
  const meta = Object.entries(spec.metadata ?? {});
  if (meta.length > 0) model.metadataProps = meta.map(([key, value]) => ({ key, value }));
  return model;
}

/**
 * Encodes `spec` as the bytes of an `.onnx` file. Deterministic: equal specs
 * give identical bytes.
 *
 * @throws Error if the spec is structurally invalid (see {@link validateModelSpec}).
 */
export function encodeModel(spec: ModelSpec): Uint8Array {
  return onnx.ModelProto.encode(buildModelProto(spec)).finish();
}

/**
 * Decodes `.onnx` bytes back into a plain object (int64 fields as strings,
 * bytes as base64) — handy for tests and debugging.
 */
export function decodeModel(bytes: Uint8Array): Record<string, unknown> {
  return onnx.ModelProto.toObject(onnx.ModelProto.decode(bytes), { longs: String, bytes: String });
}
