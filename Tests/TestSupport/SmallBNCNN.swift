import RetinaCNN

/// The small random BN-CNN the engine-level attribution tests share: 14 × 14 screen, 4 first-layer
/// channels of 5 × 5, 10 frames of history, 3 cells, made to respond (`TinyBNCNN.responsiveParameters`,
/// β₃ = 0.5) so the attributions and the kinks along the path matter.
public enum SmallBNCNN {
    public static func make() throws -> BNCNN {
        let a = BNCNNArchitecture(cells: 3, historyFrames: 10, height: 14, width: 14, conv1Channels: 4, conv1Kernel: 5,
                                  conv2Channels: 3, conv2Kernel: 3)
        return try BNCNN(architecture: a, parameters: TinyBNCNN.responsiveParameters(a, seed: 7, outputBeta: 0.5))
    }
}
