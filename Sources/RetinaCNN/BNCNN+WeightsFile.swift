import ArrayIO
import Foundation

/// Weights files: safetensors with torch-deep-retina's `BNCNN` state-dict names, so a model
/// exported from PyTorch loads here and ours loads in PyTorch.
///
/// | tensor | shape | layer |
/// |---|---|---|
/// | `sequential.0.weight` | (C1, T, K1, K1) | conv1 |
/// | `sequential.0.bias` | (C1) | conv1 |
/// | `sequential.2.weight`, `.bias`, `.running_mean`, `.running_var` | (C1·H1·W1), or (C1) per channel | BN1 (γ, β, μ, σ²) |
/// | `sequential.2.num_batches_tracked` | () int64 | ignored on load |
/// | `sequential.6.weight` | (C2, C1, K2, K2) | conv2 |
/// | `sequential.6.bias` | (C2) | conv2 |
/// | `sequential.8.*` | (C2·H2·W2), or (C2) per channel | BN2 |
/// | `sequential.11.weight` | (cells, C2·H2·W2) | dense, no bias |
/// | `sequential.12.*` | (cells) | output BN |
///
/// (Indices 1, 3–5, 7, 9–10 and 13 are PyTorch's parameter-free Flatten, noise, ReLU, Reshape and
/// Softplus modules.) The newer torch-deep-retina layout — dense at `sequential.13` with an optional
/// bias, output BN at `.14`, GaussianNoise `sigma` entries at `.4` and `.10` — is accepted too: layers
/// are matched by order and shape (``canonicalLayout(_:)``). `__metadata__` holds `architecture` (JSON of `BNCNNArchitecture`),
/// `cellCentres` (JSON `[[y, x], …]`, when known) and any keys the caller adds.
extension BNCNN {
    /// Metadata key of the architecture JSON.
    public static let architectureMetadataKey = "architecture"
    /// Metadata key of the cell centres JSON.
    public static let cellCentresMetadataKey = "cellCentres"

    /// Tensor names, in the torch-deep-retina `BNCNN` convention.
    enum TensorNames {
        static let conv1 = "sequential.0", bn1 = "sequential.2", conv2 = "sequential.6"
        static let bn2 = "sequential.8", dense = "sequential.11", bn3 = "sequential.12"
        static let bnFields = ["weight", "bias", "running_mean", "running_var"]
    }

    /// The model as a safetensors file; `metadata` is stored alongside (the `architecture` and
    /// `cellCentres` keys are always the model's own).
    public func safeTensors(metadata: [String: String] = [:]) throws -> SafeTensorsFile {
        let a = architecture, p = parameters, n = TensorNames.self
        var t: [String: TensorRecord] = [:]
        t["\(n.conv1).weight"] = TensorRecord(float32: p.conv1Weight, shape: [a.conv1Channels, a.historyFrames, a.conv1Kernel, a.conv1Kernel])
        t["\(n.conv1).bias"] = TensorRecord(float32: p.conv1Bias, shape: [a.conv1Channels])
        t["\(n.conv2).weight"] = TensorRecord(float32: p.conv2Weight, shape: [a.conv2Channels, a.conv1Channels, a.conv2Kernel, a.conv2Kernel])
        t["\(n.conv2).bias"] = TensorRecord(float32: p.conv2Bias, shape: [a.conv2Channels])
        t["\(n.dense).weight"] = TensorRecord(float32: p.denseWeight, shape: [a.cells, a.layer2Units])
        for (prefix, bn) in [(n.bn1, p.bn1), (n.bn2, p.bn2), (n.bn3, p.bn3)] {
            for (field, values) in zip(n.bnFields, [bn.gamma, bn.beta, bn.runningMean, bn.runningVariance]) {
                t["\(prefix).\(field)"] = TensorRecord(float32: values, shape: [bn.count])
            }
            t["\(prefix).num_batches_tracked"] = TensorRecord(int64: [0], shape: [])
        }
        var file = SafeTensorsFile(tensors: t, metadata: metadata)
        try file.setMetadata(a, key: Self.architectureMetadataKey)
        if let c = cellCentres {
            try file.setMetadata(c.map { [$0.y, $0.x] }, key: Self.cellCentresMetadataKey)
        } else {
            file.metadata[Self.cellCentresMetadataKey] = nil
        }
        return file
    }

    /// Writes the model atomically (temporary file, then rename).
    public func save(to url: URL, metadata: [String: String] = [:]) throws {
        try safeTensors(metadata: metadata).write(to: url)
    }

    /// Reads a weights file: the model and the file's metadata. Without `architecture` metadata
    /// (a file exported from PyTorch) the sizes are inferred from the tensor shapes (square maps;
    /// BN ε 1e-3, momentum 0.01, noise 0.05). Errors name the file, the tensor and the expected vs
    /// found shape or value (`ArrayIOError`, `RetinaCNNError.weightsFile`); nothing traps.
    public static func load(contentsOf url: URL) throws -> (model: BNCNN, metadata: [String: String]) {
        let file = try SafeTensorsFile.read(contentsOf: url)
        return (try BNCNN(safeTensors: file), file.metadata)
    }

    /// Builds a model from a decoded safetensors file (see `load(contentsOf:)`).
    public init(safeTensors original: SafeTensorsFile) throws {
        let file = try Self.canonicalLayout(original)
        let n = TensorNames.self
        let a: BNCNNArchitecture
        if file.metadata[Self.architectureMetadataKey] != nil {
            a = try file.decodeMetadata(BNCNNArchitecture.self, key: Self.architectureMetadataKey)
            do { try a.validate() } catch {
                throw RetinaCNNError.weightsFile(path: file.source, message: "metadata '\(Self.architectureMetadataKey)': \(error)")
            }
        } else {
            a = try Self.inferArchitecture(file)
        }
        func bn(_ prefix: String, _ count: Int) throws -> BatchNormParameters {
            let v = try n.bnFields.map { try file.floats("\(prefix).\($0)", shape: [count]) }
            if let i = v[3].firstIndex(where: { $0 < 0 }) {
                throw RetinaCNNError.weightsFile(path: file.source,
                                                 message: "tensor '\(prefix).running_var' has negative variance \(v[3][i]) at index \(i)")
            }
            return BatchNormParameters(gamma: v[0], beta: v[1], runningMean: v[2], runningVariance: v[3])
        }
        let p = BNCNNParameters(
            conv1Weight: try file.floats("\(n.conv1).weight", shape: [a.conv1Channels, a.historyFrames, a.conv1Kernel, a.conv1Kernel]),
            conv1Bias: try file.floats("\(n.conv1).bias", shape: [a.conv1Channels]),
            bn1: try bn(n.bn1, a.bn1Count),
            conv2Weight: try file.floats("\(n.conv2).weight", shape: [a.conv2Channels, a.conv1Channels, a.conv2Kernel, a.conv2Kernel]),
            conv2Bias: try file.floats("\(n.conv2).bias", shape: [a.conv2Channels]),
            bn2: try bn(n.bn2, a.bn2Count),
            denseWeight: try file.floats("\(n.dense).weight", shape: [a.cells, a.layer2Units]),
            bn3: try bn(n.bn3, a.cells))
        var centres: [(y: Double, x: Double)]?
        if file.metadata[Self.cellCentresMetadataKey] != nil {
            let pairs = try file.decodeMetadata([[Double]].self, key: Self.cellCentresMetadataKey)
            guard pairs.count == a.cells, pairs.allSatisfy({ $0.count == 2 }) else {
                throw RetinaCNNError.weightsFile(path: file.source, message:
                    "metadata '\(Self.cellCentresMetadataKey)': expected \(a.cells) [y, x] pairs, found \(pairs.map(\.count))")
            }
            centres = pairs.map { (y: $0[0], x: $0[1]) }
        }
        do {
            try self.init(architecture: a, parameters: p, cellCentres: centres)
        } catch let e as RetinaCNNError {
            throw RetinaCNNError.weightsFile(path: file.source, message: e.description)
        }
    }

    /// The file with its layers renamed to the names above, matched by the order of their
    /// `sequential.N` indices and by shape: the two rank-4 `weight`s are conv1 and conv2, the rank-2
    /// `weight` is the dense layer, and the three tensors with a `running_mean` are BN1, BN2 and the
    /// output BN. `sigma` (noise level) entries are dropped. A dense bias b is folded exactly into the
    /// output batch norm: BN(x + b) = γ(x − (μ − b))/σ + β, so μ' = μ − b.
    /// Files already in the canonical layout are returned unchanged.
    static func canonicalLayout(_ file: SafeTensorsFile) throws -> SafeTensorsFile {
        let n = TensorNames.self
        let extra = file.tensors.keys.contains { $0.hasSuffix(".sigma") } || file.tensors["\(n.dense).weight"] == nil
            || file.tensors["\(n.dense).bias"] != nil
        guard extra else { return file }
        func index(_ name: String) -> Int? {
            let parts = name.split(separator: ".")
            guard parts.count == 3, parts[0] == "sequential" else { return nil }
            return Int(parts[1])
        }
        func fail(_ m: String) -> RetinaCNNError { .weightsFile(path: file.source, message: m) }
        var convs: [Int] = [], dense: [Int] = [], norms: [Int] = []
        for (name, t) in file.tensors {
            guard let k = index(name) else { continue }
            if name.hasSuffix(".weight") && t.shape.count == 4 { convs.append(k) }
            if name.hasSuffix(".weight") && t.shape.count == 2 { dense.append(k) }
            if name.hasSuffix(".running_mean") { norms.append(k) }
        }
        convs.sort(); norms.sort()
        guard convs.count == 2, dense.count == 1, norms.count == 3 else {
            throw fail("expected 2 convolutions, 1 dense layer and 3 batch norms in 'sequential.N' tensors, found \(convs.count), \(dense.count) and \(norms.count)")
        }
        guard convs[0] < norms[0], norms[0] < convs[1], convs[1] < norms[1], norms[1] < dense[0], dense[0] < norms[2] else {
            throw fail("layer order conv \(convs), batch norm \(norms), dense \(dense) is not conv → BN → conv → BN → dense → BN")
        }
        let mapping: [(Int, String)] = [(convs[0], n.conv1), (norms[0], n.bn1), (convs[1], n.conv2), (norms[1], n.bn2),
                                        (dense[0], n.dense), (norms[2], n.bn3)]
        var out = SafeTensorsFile(tensors: [:], metadata: file.metadata)
        out.source = file.source
        for (k, canonical) in mapping {
            for (name, t) in file.tensors where index(name) == k {
                let field = name.split(separator: ".")[2]
                out.tensors["\(canonical).\(field)"] = t
            }
        }
        if let bias = out.tensors.removeValue(forKey: "\(n.dense).bias") {
            let b = try bias.floatValues()
            let meanName = "\(n.bn3).running_mean"
            let mu = try out.floats(meanName, shape: [b.count])
            out.tensors[meanName] = TensorRecord(float32: zip(mu, b).map { $0 - $1 }, shape: [b.count])
        }
        return out
    }

    /// Sizes from the tensor shapes of a PyTorch export (no `architecture` metadata).
    static func inferArchitecture(_ file: SafeTensorsFile) throws -> BNCNNArchitecture {
        let n = TensorNames.self, path = file.source
        func fail(_ m: String) -> RetinaCNNError { .weightsFile(path: path, message: m) }
        func shape(_ name: String, rank: Int) throws -> [Int] {
            let s = try file.tensor(name).shape
            guard s.count == rank, s.allSatisfy({ $0 >= 1 }) else {
                throw fail("tensor '\(name)' has shape \(s), expected \(rank) positive dimensions")
            }
            return s
        }
        let w1 = try shape("\(n.conv1).weight", rank: 4), w2 = try shape("\(n.conv2).weight", rank: 4)
        let d = try shape("\(n.dense).weight", rank: 2)
        let g1 = try shape("\(n.bn1).weight", rank: 1)[0], g2 = try shape("\(n.bn2).weight", rank: 1)[0]
        let (c1, t, k1) = (w1[0], w1[1], w1[2]), (c2, k2) = (w2[0], w2[2])
        guard w1[3] == k1 else { throw fail("tensor '\(n.conv1).weight' has shape \(w1): the kernel must be square") }
        guard w2[3] == k2 else { throw fail("tensor '\(n.conv2).weight' has shape \(w2): the kernel must be square") }
        guard w2[1] == c1 else {
            throw fail("tensor '\(n.conv2).weight' has \(w2[1]) input channels, expected \(c1) (the output channels of '\(n.conv1).weight')")
        }
        let units2 = d[1]
        guard units2 % c2 == 0, let side2 = exactSquareRoot(units2 / c2) else {
            throw fail("tensor '\(n.dense).weight' has \(units2) inputs, expected \(c2)·S² for a square layer-2 map of side S")
        }
        let side1 = side2 + k2 - 1, side0 = side1 + k1 - 1
        let mode: BatchNormMode
        if g1 == c1 * side1 * side1 && g2 == c2 * side2 * side2 {
            mode = .perUnit
        } else if g1 == c1 && g2 == c2 {
            mode = .perChannel
        } else {
            throw fail("batch-norm sizes \(g1) ('\(n.bn1).weight') and \(g2) ('\(n.bn2).weight') fit neither per-unit (\(c1 * side1 * side1), \(c2 * side2 * side2)) nor per-channel (\(c1), \(c2)) normalisation")
        }
        let a = BNCNNArchitecture(cells: d[0], historyFrames: t, height: side0, width: side0, conv1Channels: c1, conv1Kernel: k1,
                                  conv2Channels: c2, conv2Kernel: k2, batchNorm: mode)
        do { try a.validate() } catch { throw fail("inferred architecture is invalid: \(error)") }
        return a
    }

    private static func exactSquareRoot(_ x: Int) -> Int? {
        let r = Int(Double(x).squareRoot().rounded())
        return r * r == x && r >= 1 ? r : nil
    }

    /// The same model with the given receptive-field centres (y, x) in pixels (nil clears them).
    /// Traps if the count differs from `cells`.
    public func withCellCentres(_ centres: [(y: Double, x: Double)]?) -> BNCNN {
        precondition(centres == nil || centres!.count == architecture.cells,
                     "cellCentres has \(centres!.count) entries, the model has \(architecture.cells) cells")
        var m = self
        m.cellCentres = centres
        return m
    }
}
