import CKernels
import Foundation

/// The inference-mode BN-CNN (batch norms folded into per-unit affine maps, no noise), with the
/// convolution kernels pre-transformed. Immutable once built; shared by every call on a `BNCNN`.
///
/// Layout conventions: maps are row-major `[sample][channel][y][x]`; the flattened unit index is
/// channel-major `(c·H + y)·W + x`, as PyTorch's `Flatten` of `(C, H, W)`.
final class InferenceEngine: @unchecked Sendable {
    let architecture: BNCNNArchitecture
    let plans: ConvolutionPlans
    /// Conv1 kernel spectra on grid 1 (blocked, M = C1·T) and bias `[C1]`.
    let conv1Spectra: [Float]
    let conv1Bias: [Float]
    /// BN1 folded per layer-1 unit.
    let bn1Scale: [Float], bn1Shift: [Float]
    /// Conv2 kernel spectra `[C2][C1]` on grid 2 and bias `[C2]`.
    let conv2Spectra: [Float]
    let conv2Bias: [Float]
    let bn2Scale: [Float], bn2Shift: [Float]
    /// `[cells, C2·H2·W2]`.
    let denseWeight: [Float]
    let bn3Scale: [Float], bn3Shift: [Float]
    private let pool: WorkspacePool

    init(architecture a: BNCNNArchitecture, parameters p: BNCNNParameters) {
        architecture = a
        let plans = ConvolutionPlans(a)
        self.plans = plans
        let w = Workspace()
        conv1Spectra = p.conv1Weight.withUnsafeBufferPointer { plans.conv1Spectra($0.baseAddress!, workspace: w) }
        conv2Spectra = p.conv2Weight.withUnsafeBufferPointer { plans.conv2Spectra($0.baseAddress!, scratch: w.scratch) }
        conv1Bias = p.conv1Bias; conv2Bias = p.conv2Bias; denseWeight = p.denseWeight
        let per1 = a.batchNorm == .perUnit ? 1 : a.layer1MapSize
        let per2 = a.batchNorm == .perUnit ? 1 : a.layer2MapSize
        (bn1Scale, bn1Shift) = p.bn1.foldedPerUnit(epsilon: a.bnEpsilon, unitsPerParameter: per1)
        (bn2Scale, bn2Shift) = p.bn2.foldedPerUnit(epsilon: a.bnEpsilon, unitsPerParameter: per2)
        (bn3Scale, bn3Shift) = p.bn3.folded(epsilon: a.bnEpsilon)
        pool = WorkspacePool()
    }

    static let innerBatch = ConvolutionPlans.innerBatch

    func withWorkspace<R>(_ body: (Workspace) -> R) -> R {
        let w = pool.take()
        defer { pool.put(w) }
        return body(w)
    }

    // MARK: Conv1

    /// z = conv1(window) + bias for `count` windows of blocked frame spectra (M = `frameCount`);
    /// window b starts at spectrum `frameStarts(b)`. Writes `[count][C1][H1][W1]` at `output`.
    func conv1(spectra: UnsafePointer<Float>, frameCount: Int, frameStarts: (Int) -> Int, count: Int,
               output: UnsafeMutablePointer<Float>, workspace w: Workspace) {
        conv1Spectra.withUnsafeBufferPointer { k in
            plans.conv1Forward(kernelSpectra: k.baseAddress!, bias: conv1Bias, frameSpectra: spectra, frameCount: frameCount,
                               firstFrame: frameStarts, count: count, output: output, workspace: w)
        }
    }

    // MARK: Above layer 1

    /// Rates (and optionally dT/dz for T = Σ_j weights[j]·r_j) from layer-1 pre-activations
    /// `z` `[n][C1][H1][W1]`. `cellWeights` holds `cells` values shared by all maps or
    /// `n·cells` values, one row per map. `n` ≤ `innerBatch` is not required.
    func aboveLayer1(z: UnsafePointer<Float>, count: Int, rates: UnsafeMutablePointer<Float>,
                     cellWeights: UnsafePointer<Float>?, weightsPerMap: Bool,
                     gradient: UnsafeMutablePointer<Float>?, workspace w: Workspace) {
        var start = 0
        while start < count {
            let n = min(Self.innerBatch, count - start)
            aboveLayer1Batch(z: z + start * architecture.layer1Units, count: n,
                             rates: rates + start * architecture.cells,
                             cellWeights: cellWeights.map { weightsPerMap ? $0 + start * architecture.cells : $0 },
                             weightsPerMap: weightsPerMap,
                             gradient: gradient.map { $0 + start * architecture.layer1Units }, workspace: w)
            start += n
        }
    }

    private func aboveLayer1Batch(z: UnsafePointer<Float>, count n: Int, rates: UnsafeMutablePointer<Float>,
                                  cellWeights: UnsafePointer<Float>?, weightsPerMap: Bool,
                                  gradient: UnsafeMutablePointer<Float>?, workspace w: Workspace) {
        let a = architecture
        let u1 = a.layer1Units, u2 = a.layer2Units, cells = a.cells
        // BN1 (folded) + ReLU.
        let h1 = w.h1.reserve(n * u1)
        bn1Scale.withUnsafeBufferPointer { sa in bn1Shift.withUnsafeBufferPointer { sb in
            ck_affine_relu(n, u1, z, sa.baseAddress!, sb.baseAddress!, h1)
        }}
        // Conv2 in the frequency domain.
        let h2 = w.h2.reserve(n * u2)
        conv2Spectra.withUnsafeBufferPointer { k in
            plans.conv2Forward(kernelSpectra: k.baseAddress!, bias: conv2Bias, input: h1, count: n, output: h2,
                               inputSpectra: nil, workspace: w)
        }
        let v = w.dense.reserve(n * cells)
        self.rates(fromLayer2: h2, count: n, rates: rates, dense: v)
        guard let gradient, let cellWeights else { return }
        // Backward: dT/dv = w_j·σ(v); through BN3 scale; dense transpose.
        let gv = w.denseGrad.reserve(n * cells)
        for b in 0..<n {
            let wrow = weightsPerMap ? cellWeights + b * cells : cellWeights
            for j in 0..<cells { gv[b * cells + j] = wrow[j] * Activation.sigmoid(v[b * cells + j]) * bn3Scale[j] }
        }
        let gh2 = w.h2Grad.reserve(n * u2)
        denseWeight.withUnsafeBufferPointer { d in
            BLAS.sgemm(m: n, n: u2, k: cells, a: gv, lda: cells, b: d.baseAddress!, ldb: u2, c: gh2, ldc: u2)
        }
        // ReLU mask (h2 > 0 ⇔ BN2 output > 0) and BN2 scale → dT/dz2.
        bn2Scale.withUnsafeBufferPointer { sa in ck_relu_scale_backward(n, u2, gh2, h2, sa.baseAddress!) }
        // Conv2 transposed in the frequency domain.
        conv2Spectra.withUnsafeBufferPointer { k in
            plans.conv2Backward(kernelSpectra: k.baseAddress!, gradient: gh2, count: n, output: gradient,
                                gradientSpectra: nil, workspace: w)
        }
        // ReLU mask of layer 1 and BN1 scale → dT/dz.
        bn1Scale.withUnsafeBufferPointer { sa in ck_relu_scale_backward(n, u1, gradient, h1, sa.baseAddress!) }
    }

    /// The layers above conv2 for `n` samples: BN2 (folded) + ReLU in place on `h2` (conv2 output
    /// with bias, `[n][C2][H2][W2]`), dense → BN3 into `dense` (`[n][cells]`, kept for the backward
    /// pass), softplus into `rates`.
    func rates(fromLayer2 h2: UnsafeMutablePointer<Float>, count n: Int, rates: UnsafeMutablePointer<Float>,
               dense v: UnsafeMutablePointer<Float>) {
        let u2 = architecture.layer2Units, cells = architecture.cells
        bn2Scale.withUnsafeBufferPointer { sa in bn2Shift.withUnsafeBufferPointer { sb in
            ck_affine_relu(n, u2, h2, sa.baseAddress!, sb.baseAddress!, h2)
        }}
        denseWeight.withUnsafeBufferPointer { d in
            BLAS.sgemm(transB: true, m: n, n: cells, k: u2, a: h2, lda: u2, b: d.baseAddress!, ldb: u2, c: v, ldc: cells)
        }
        for b in 0..<n {
            for j in 0..<cells {
                let x = bn3Scale[j] * v[b * cells + j] + bn3Shift[j]
                v[b * cells + j] = x
                rates[b * cells + j] = Activation.softplus(x)
            }
        }
    }

    // MARK: Conv1 backward to the input

    /// dT/d(window) from dT/dz for `count` windows: `[count][T][H][W]`.
    func inputGradient(fromLayer1 dz: UnsafePointer<Float>, count: Int,
                       output: UnsafeMutablePointer<Float>, workspace w: Workspace) {
        conv1Spectra.withUnsafeBufferPointer { k in
            plans.conv1InputGradient(kernelSpectra: k.baseAddress!, gradient: dz, count: count, output: output, workspace: w)
        }
    }

    /// Blocked grid-1 spectra (M = `frames`) of `frames` consecutive frames at `pixels`.
    func frameSpectra(_ pixels: UnsafePointer<Float>, frames: Int, output: UnsafeMutablePointer<Float>,
                      workspace w: Workspace) {
        plans.blockedFrameSpectra(pixels, frames: frames, first: 0, total: frames, into: output, workspace: w)
    }

    /// Floats of the blocked spectra of `frames` frames.
    func frameSpectraFloats(_ frames: Int) -> Int { SpectrumBlocks(grid: plans.grid1, count: frames).floats }
}
