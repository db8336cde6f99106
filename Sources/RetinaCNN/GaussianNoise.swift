import Foundation
import RetinaCore

/// Additive Gaussian noise for training (σ·N(0, 1)), drawn from a `SeededRandom` stream.
///
/// Box–Muller on two 32-bit uniforms from each 64-bit draw, using both the cosine and sine
/// outputs: one generator step per pair of deviates (the noise of one paper-sized sample is
/// 15,776 deviates, so `SeededRandom.normal()`, which spends a Double log and cos per deviate,
/// would cost a noticeable share of a training step).
enum GaussianNoise {
    /// Adds σ·N(0,1) deviates to `count` floats.
    static func add(to p: UnsafeMutablePointer<Float>, count: Int, sigma: Float, rng: inout SeededRandom) {
        guard sigma > 0 else { return }
        var i = 0
        let scale: Float = 1.0 / 4_294_967_296.0
        while i < count {
            let bits = rng.next()
            // u1 in (0, 1], u2 in [0, 1).
            let u1 = (Float(UInt32(truncatingIfNeeded: bits >> 32)) + 1) * scale
            let u2 = Float(UInt32(truncatingIfNeeded: bits)) * scale
            let r = sigma * (-2 * log(min(u1, 1))).squareRoot()
            let theta = 2 * Float.pi * u2
            p[i] += r * cos(theta)
            if i + 1 < count { p[i + 1] += r * sin(theta) }
            i += 2
        }
    }
}
