import RetinaCNN

/// The BN-CNN provides exactly the members integrated gradients needs (`BNCNN+Layer1.swift`):
/// `conv1Weights`, `conv1Bias`, `layer1Preactivations(of:)`, `ratesFromLayer1(_:count:)` and
/// `layer1Gradient(_:count:cellWeights:)`, plus the sizes from `ResponseModel`.
extension BNCNN: LayerOneDifferentiable {
    /// The BN-CNN's layer 1 is the plain valid conv1 (`BNCNN+Layer1.swift`).
    public var layer1IsConv1Correlation: Bool { true }
}
