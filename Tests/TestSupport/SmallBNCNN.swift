import RetinaCNN

/// The small random BN-CNN the engine-level attribution tests share: 14 × 14 screen, 4 first-layer
/// channels of 5 × 5, 10 frames of history, 3 cells. A fresh network barely responds (range < 0.1 Hz);
/// stronger first-layer kernels and output scale make the attributions and the kinks along the path matter.
public enum SmallBNCNN {
    public static func make() throws -> BNCNN {
        let a = BNCNNArchitecture(cells: 3, historyFrames: 10, height: 14, width: 14, conv1Channels: 4, conv1Kernel: 5,
                                  conv2Channels: 3, conv2Kernel: 3)
        var p = BNCNNParameters(architecture: a, seed: 7)
        p.conv1Weight = p.conv1Weight.map { $0 * 3 }
        p.bn3.gamma = p.bn3.gamma.map { _ in 4 }
        p.bn3.beta = p.bn3.beta.map { _ in 0.5 }
        return try BNCNN(architecture: a, parameters: p)
    }
}
