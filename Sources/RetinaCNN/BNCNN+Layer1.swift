import RetinaCore

/// Entry points for integrated gradients to layer-1 units (docs/method.md §4.2): conv1 is affine,
/// so z(α·s) = α·(W1 ⋆ s) + b; compute z once per window and integrate only the layers above it.
extension BNCNN {
    /// z = conv1(window) + bias for every complete window of the movie:
    /// `[windows, C1, H1, W1]` row-major (pre-BN, pre-ReLU; PyTorch's `sequential.0` output).
    /// Precondition: the movie's frames are `height × width` (traps otherwise; `rates(for:)` throws).
    public func layer1Preactivations(of movie: Movie) -> [Float] {
        precondition(movie.height == architecture.height && movie.width == architecture.width,
                     "movie frames \(movie.height)x\(movie.width) do not match the model's \(architecture.height)x\(architecture.width)")
        let n = movie.windowCount(history: architecture.historyFrames)
        let u = architecture.layer1Units
        var out = [Float](repeating: 0, count: n * u)
        out.withUnsafeMutableBufferPointer { o in
            forEachLayer1Chunk(of: movie) { range, z, _ in
                (o.baseAddress! + range.lowerBound * u).update(from: z, count: range.count * u)
            }
        }
        return out
    }

    /// Inference from given layer-1 pre-activations (a batch of `count` maps
    /// `[count, C1, H1, W1]`) to rates `[count, cells]` in Hz.
    public func ratesFromLayer1(_ z: [Float], count: Int) -> [Float] {
        let a = architecture
        precondition(z.count == count * a.layer1Units, "z has \(z.count) values, expected \(count)×\(a.layer1Units)")
        var rates = [Float](repeating: 0, count: count * a.cells)
        z.withUnsafeBufferPointer { zp in
            rates.withUnsafeMutableBufferPointer { rp in
                Parallel.forEachPart(count: count, minimumPerPart: 4) { _, r in
                    engine.withWorkspace { w in
                        engine.aboveLayer1(z: zp.baseAddress! + r.lowerBound * a.layer1Units, count: r.count,
                                           rates: rp.baseAddress! + r.lowerBound * a.cells,
                                           cellWeights: nil, weightsPerMap: false, gradient: nil, workspace: w)
                    }
                }
            }
        }
        return rates
    }

    /// Rates `[count, cells]` and the gradient of the target T = Σ_j cellWeights[j]·r_j w.r.t. z
    /// (`[count, C1, H1, W1]`), for a batch of maps, in inference mode. `cellWeights` has `cells`
    /// values (shared by all maps) or `count·cells` values (one row per map).
    public func layer1Gradient(_ z: [Float], count: Int, cellWeights: [Float]) -> (ratesHz: [Float], dTargetdZ: [Float]) {
        let a = architecture
        precondition(z.count == count * a.layer1Units, "z has \(z.count) values, expected \(count)×\(a.layer1Units)")
        let perMap = cellWeights.count != a.cells
        precondition(cellWeights.count == a.cells || cellWeights.count == count * a.cells,
                     "cellWeights has \(cellWeights.count) values, expected \(a.cells) or \(count)×\(a.cells)")
        var rates = [Float](repeating: 0, count: count * a.cells)
        // Every value is written below; skipping the zero fill saves a pass over fresh pages.
        var grad = [Float](unsafeUninitializedCapacity: count * a.layer1Units) { _, n in n = count * a.layer1Units }
        z.withUnsafeBufferPointer { zp in cellWeights.withUnsafeBufferPointer { cw in
            rates.withUnsafeMutableBufferPointer { rp in grad.withUnsafeMutableBufferPointer { gp in
                Parallel.forEachPart(count: count, minimumPerPart: 4) { _, r in
                    engine.withWorkspace { w in
                        engine.aboveLayer1(z: zp.baseAddress! + r.lowerBound * a.layer1Units, count: r.count,
                                           rates: rp.baseAddress! + r.lowerBound * a.cells,
                                           cellWeights: cw.baseAddress! + (perMap ? r.lowerBound * a.cells : 0),
                                           weightsPerMap: perMap,
                                           gradient: gp.baseAddress! + r.lowerBound * a.layer1Units, workspace: w)
                    }
                }
            }}
        }}
        return (rates, grad)
    }

    /// Rates and the gradient of T = Σ_j cellWeights[j]·r_j w.r.t. the input windows
    /// `[count, T, H, W]` (for input-site attributions, docs/method.md §4.1). `cellWeights` as in
    /// `layer1Gradient`.
    public func inputGradient(windows: [Float], count: Int, cellWeights: [Float]) -> (ratesHz: [Float], dTargetdInput: [Float]) {
        let a = architecture
        precondition(windows.count == count * a.windowSize, "windows has \(windows.count) values, expected \(count)×\(a.windowSize)")
        let perMap = cellWeights.count != a.cells
        precondition(cellWeights.count == a.cells || cellWeights.count == count * a.cells,
                     "cellWeights has \(cellWeights.count) values, expected \(a.cells) or \(count)×\(a.cells)")
        var rates = [Float](repeating: 0, count: count * a.cells)
        var grad = [Float](repeating: 0, count: count * a.windowSize)
        windows.withUnsafeBufferPointer { xp in cellWeights.withUnsafeBufferPointer { cw in
            rates.withUnsafeMutableBufferPointer { rp in grad.withUnsafeMutableBufferPointer { gp in
                Parallel.forEachPart(count: count) { _, r in
                    engine.withWorkspace { w in
                        let step = 8
                        var lo = r.lowerBound
                        while lo < r.upperBound {
                            let n = min(step, r.upperBound - lo)
                            let frames = n * a.historyFrames
                            let spectra = w.frames.reserve(engine.frameSpectraFloats(frames))
                            engine.frameSpectra(xp.baseAddress! + lo * a.windowSize, frames: frames, output: spectra, workspace: w)
                            let z = w.layer1.reserve(n * a.layer1Units)
                            engine.conv1(spectra: spectra, frameCount: frames, frameStarts: { $0 * a.historyFrames },
                                         count: n, output: z, workspace: w)
                            let dz = w.layer1Grad.reserve(n * a.layer1Units)
                            engine.aboveLayer1(z: z, count: n, rates: rp.baseAddress! + lo * a.cells,
                                               cellWeights: cw.baseAddress! + (perMap ? lo * a.cells : 0), weightsPerMap: perMap,
                                               gradient: dz, workspace: w)
                            engine.inputGradient(fromLayer1: dz, count: n, output: gp.baseAddress! + lo * a.windowSize, workspace: w)
                            lo += n
                        }
                    }
                }
            }}
        }}
        return (rates, grad)
    }

    /// Conv1 weights `[C1, T, K1, K1]`.
    public var conv1Weights: [Float] { parameters.conv1Weight }
    /// Conv1 bias `[C1]`.
    public var conv1Bias: [Float] { parameters.conv1Bias }
}
