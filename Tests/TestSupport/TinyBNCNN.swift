import RetinaCNN

/// The tiny random BN-CNN the analysis, figure, rendering and report tests share: 8 × 16 screen,
/// 20 frames of history, 4 first-layer channels of 5 × 5, 3 second-layer channels of 3 × 3.
public enum TinyBNCNN {
    /// The architecture with `cells` output cells.
    public static func architecture(cells: Int = 3) -> BNCNNArchitecture {
        BNCNNArchitecture(cells: cells, historyFrames: 20, height: 8, width: 16, conv1Channels: 4, conv1Kernel: 5,
                          conv2Channels: 3, conv2Kernel: 3)
    }

    /// Receptive-field centres (y, x) in pixels of the three cells: cells 0 and 1 share column 7, cell 2 sits at column 9.
    public static let cellCentres: [(y: Double, x: Double)] = [(3, 7), (5, 7), (4, 9)]

    /// A 3-cell network that responds: a fresh network barely does, so the first-layer kernels are
    /// scaled by 3 and the output batch-norm gamma set to 4. Cells have the centres `cellCentres`.
    public static func responsive(seed: UInt64) throws -> BNCNN {
        let a = architecture()
        var p = BNCNNParameters(architecture: a, seed: seed)
        p.conv1Weight = p.conv1Weight.map { $0 * 3 }
        p.bn3.gamma = p.bn3.gamma.map { _ in 4 }
        return try BNCNN(architecture: a, parameters: p, cellCentres: cellCentres)
    }
}
