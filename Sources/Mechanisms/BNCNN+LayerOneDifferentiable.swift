import RetinaCNN

/// The BN-CNN provides exactly the members integrated gradients needs (`BNCNN+Layer1.swift`):
/// `conv1Weights`, `conv1Bias`, `layer1Preactivations(of:)`, `ratesFromLayer1(_:count:)` and
/// `layer1Gradient(_:count:cellWeights:)`, plus the sizes from `ResponseModel`.
extension BNCNN: LayerOneDifferentiable {}
