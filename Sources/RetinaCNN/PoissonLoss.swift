import Foundation

/// Poisson negative log-likelihood used for training (Keras "poisson", PyTorch
/// `PoissonNLLLoss(log_input: false)`): the mean over batch and cells of `r − y·log(r + ε)`,
/// with r the predicted rate and y the target.
///
/// ε = 1e-8 (PyTorch's default) guards the log when the softplus output underflows to 0; it
/// changes the loss by less than y·ε/r, i.e. nothing measurable for rates above 1e-4.
enum PoissonLoss {
    static let epsilon: Float = 1e-8

    /// Loss value (Double accumulation) and dL/dr for every entry (already divided by the count).
    static func evaluate(rates: UnsafePointer<Float>, targets: UnsafePointer<Float>, count: Int,
                         gradient: UnsafeMutablePointer<Float>) -> Double {
        var sum = 0.0
        let inv = 1 / Float(count)
        for i in 0..<count {
            let r = rates[i], y = targets[i]
            sum += Double(r) - Double(y) * log(Double(r) + Double(epsilon))
            gradient[i] = (1 - y / (r + epsilon)) * inv
        }
        return sum / Double(count)
    }
}
