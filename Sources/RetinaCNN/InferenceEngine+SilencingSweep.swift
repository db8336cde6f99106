import CKernels

/// Several silencings of one model evaluated from one pass over the movie (``BNCNN/rates(for:silencings:)``).
///
/// Silencing clamps layer-1 units to their gray-screen pre-activation `z_u = b_c`
/// (``Layer1Silencing``), so a silenced unit's BN1 + ReLU output is the constant
/// `g_u = max(0, s_u·b_c + t_u)` (folded BN1 scale and shift). Conv2 is linear in its input, so in
/// the frequency domain each silencing only swaps the spectra of the channels it touches:
///
///     Y_o = Σ_c conj(V_oc) · X'_c,   X'_c = X_c (untouched), G_c (whole channel: spectrum of g),
///                                    DFT(mask ? g : h1) (a region of the channel),
///
/// and the layer-1 pre-activations, BN1 + ReLU and the untouched channels' spectra X_c are shared
/// by every silencing. What remains per silencing is the spectral products, the inverse
/// transforms and the layers above, plus one forward transform per partly silenced channel.
struct SilencingSweepPlan {
    /// Where a silencing takes channel c's conv2 input from.
    enum Source: Equatable {
        case unchanged
        case gray
        /// Entry `index` of the silencing's mixed maps.
        case mixed(index: Int)
    }

    struct Entry {
        /// One source per layer-1 channel.
        var sources: [Source]
        /// The partly silenced channels, with their masks (`[H1·W1]`, true = clamped).
        var mixed: [(channel: Int, mask: [Bool])]
    }

    /// `g_u` for every layer-1 unit, `[C1][H1][W1]`.
    let grayH1: [Float]
    /// The spectra of `grayH1`'s maps on the conv2 grid, `[C1]` planar spectra.
    let graySpectra: [Float]
    let entries: [Entry]

    /// Precondition: every silencing is normalised and valid for the engine's layer 1.
    init(engine e: InferenceEngine, silencings: [Layer1Silencing]) {
        let a = e.architecture, map = a.layer1MapSize
        var g = [Float](repeating: 0, count: a.layer1Units)
        for u in 0..<a.layer1Units { g[u] = max(0, e.bn1Scale[u] * e.conv1Bias[u / map] + e.bn1Shift[u]) }
        grayH1 = g
        var spectra = [Float](repeating: 0, count: a.conv1Channels * e.plans.grid2.spectrumFloats)
        var scratch = [Float](repeating: 0, count: e.plans.scratchCount)
        g.withUnsafeBufferPointer { gp in
            e.plans.layer1ForwardOnGrid2.transform(maps: a.conv1Channels, input: gp.baseAddress!, output: &spectra, scratch: &scratch)
        }
        graySpectra = spectra
        entries = silencings.map { silencing in
            var sources = [Source](repeating: .unchanged, count: a.conv1Channels)
            for c in silencing.channels { sources[c] = .gray }
            var mixed: [(channel: Int, mask: [Bool])] = []
            let full = silencing.mask(channelCount: a.conv1Channels, height: a.layer1Height, width: a.layer1Width)
            for c in Set(silencing.regions.map(\.channel)).sorted() where sources[c] == .unchanged {
                sources[c] = .mixed(index: mixed.count)
                mixed.append((c, Array(full[(c * map)..<((c + 1) * map)])))
            }
            return Entry(sources: sources, mixed: mixed)
        }
    }
}

extension InferenceEngine {
    /// Rates `[count][cells]` under each silencing of `plan`, written at `rates[k]`, from the
    /// layer-1 pre-activations `z` (`[count][C1][H1][W1]`, unsilenced).
    func sweepRates(z: UnsafePointer<Float>, count: Int, plan: SilencingSweepPlan,
                    rates: [UnsafeMutablePointer<Float>], workspace w: Workspace) {
        var start = 0
        while start < count {
            let n = min(Self.innerBatch, count - start)
            sweepBatch(z: z + start * architecture.layer1Units, count: n, plan: plan,
                       rates: rates.map { $0 + start * architecture.cells }, workspace: w)
            start += n
        }
    }

    private func sweepBatch(z: UnsafePointer<Float>, count n: Int, plan: SilencingSweepPlan,
                            rates: [UnsafeMutablePointer<Float>], workspace w: Workspace) {
        let a = architecture, u1 = a.layer1Units, map = a.layer1MapSize, c1 = a.conv1Channels, c2 = a.conv2Channels
        let s = plans.grid2.spectrumFloats
        let scratch = w.scratch.reserve(plans.scratchCount)
        // Shared: BN1 (folded) + ReLU and the spectra of every channel.
        let h1 = w.h1.reserve(n * u1)
        bn1Scale.withUnsafeBufferPointer { sa in bn1Shift.withUnsafeBufferPointer { sb in
            ck_affine_relu(n, u1, z, sa.baseAddress!, sb.baseAddress!, h1)
        }}
        let x = w.spectra.reserve(n * c1 * s)
        plans.layer1ForwardOnGrid2.transform(maps: n * c1, input: h1, output: x, scratch: scratch)
        let y = w.spectra2.reserve(n * c2 * s)
        let h2 = w.h2.reserve(n * a.layer2Units), v = w.dense.reserve(n * a.cells)
        plan.graySpectra.withUnsafeBufferPointer { gray in conv2Spectra.withUnsafeBufferPointer { k in
            for (entry, out) in zip(plan.entries, rates) {
                // Partly silenced channels: gray inside the mask, the stimulus's values outside.
                let m = entry.mixed.count
                let mixedX = m > 0 ? w.h2Grad.reserve(n * m * s) : x
                if m > 0 {
                    let maps = w.layer1Grad.reserve(n * m * map)
                    for b in 0..<n {
                        for (j, (c, mask)) in entry.mixed.enumerated() {
                            let dst = maps + (b * m + j) * map, src = h1 + b * u1 + c * map, g = c * map
                            for i in 0..<map { dst[i] = mask[i] ? plan.grayH1[g + i] : src[i] }
                        }
                    }
                    plans.layer1ForwardOnGrid2.transform(maps: n * m, input: maps, output: mixedX, scratch: scratch)
                }
                for b in 0..<n {
                    SpectralKernels.correlate(outputs: c2, inputs: c1, grid: plans.grid2, kernel: k.baseAddress!, input: { c in
                        switch entry.sources[c] {
                        case .unchanged: UnsafePointer(x + (b * c1 + c) * s)
                        case .gray: gray.baseAddress! + c * s
                        case .mixed(let j): UnsafePointer(mixedX + (b * m + j) * s)
                        }
                    }, output: y + b * c2 * s)
                }
                plans.layer2Inverse.transform(maps: n * c2, input: y, output: h2, scratch: scratch)
                ConvolutionPlans.addChannelBias(h2, maps: n * c2, channels: c2, mapSize: a.layer2MapSize, bias: conv2Bias)
                self.rates(fromLayer2: h2, count: n, rates: out, dense: v)
            }
        }}
    }
}
