/// Batch-sized buffers of one training step, shared by the workers (each writes its own rows,
/// units or bins). Reused across steps.
final class TrainingBuffers: @unchecked Sendable {
    /// Per-batch frame spectra when the movie is not cached.
    let batchSpectra = FloatBuffer()
    /// Conv1 output z1, normalised in place to x̂1. `[B][u1]`.
    let x1 = FloatBuffer()
    /// BN1 output + noise (pre-ReLU); later dL/d(BN1 output), then dL/dz1. `[B][u1]`.
    let a1 = FloatBuffer()
    /// Conv2 output z2, normalised in place to x̂2. `[B][u2]`.
    let x2 = FloatBuffer()
    /// BN2 output + noise; later dL/d(BN2 output), then dL/dz2. `[B][u2]`.
    let a2 = FloatBuffer()
    /// Layer-2 activations after ReLU. `[B][u2]`.
    let h2 = FloatBuffer()
    /// Spectra of the layer-1 activations `[B][C1]` (grid 2), kept for dW2.
    let x2Spectra = FloatBuffer()
    /// Spectra of dL/dz2 `[B][C2]` (grid 2), kept for dW2.
    let dz2Spectra = FloatBuffer()
    /// Spectra of dL/dz1 `[B][C1]` (grid 1), for dW1.
    let dz1Spectra = FloatBuffer()
    /// Weight-gradient spectra `[C1·T]` (grid 1) and `[C2·C1]` (grid 2).
    let dW1Spectra = FloatBuffer()
    let dW2Spectra = FloatBuffer()
    /// Kernel spectra of the current weights.
    let w1Spectra = FloatBuffer()
    let w2Spectra = FloatBuffer()
}

/// The noise of a training pass.
enum TrainingNoise {
    /// No noise (deterministic training-mode pass).
    case none
    /// The trainer's seeded streams for step `step`.
    case seeded(step: Int)
    /// Explicit noise `[B][u1]` and `[B][u2]` (tests).
    case given(layer1: [Float], layer2: [Float])
}

/// Everything one forward/backward pass produced.
struct TrainingPassResult {
    var loss: Double
    var penalty: Double
    var meanRate: Double
    /// Training-mode rates `[B][cells]`.
    var rates: [Float]
    var gradients: BNCNNGradients
    var mean1: [Float], variance1: [Float]
    var mean2: [Float], variance2: [Float]
    var mean3: [Float], variance3: [Float]
}
