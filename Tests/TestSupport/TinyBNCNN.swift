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

    /// A 3-cell network that responds (``responsiveParameters(_:seed:outputBeta:)``), cells at `cellCentres`.
    public static func responsive(seed: UInt64) throws -> BNCNN {
        let a = architecture()
        return try BNCNN(architecture: a, parameters: responsiveParameters(a, seed: seed), cellCentres: cellCentres)
    }

    /// Seeded random parameters of `a` made to respond: a fresh network barely does (range < 0.1 Hz),
    /// so the first-layer kernels are scaled by 3, the output batch-norm γ₃ set to 4 and, when given,
    /// β₃ to `outputBeta`.
    public static func responsiveParameters(_ a: BNCNNArchitecture, seed: UInt64, outputBeta: Float? = nil) -> BNCNNParameters {
        var p = BNCNNParameters(architecture: a, seed: seed)
        p.conv1Weight = p.conv1Weight.map { $0 * 3 }
        p.bn3.gamma = p.bn3.gamma.map { _ in 4 }
        if let outputBeta { p.bn3.beta = p.bn3.beta.map { _ in outputBeta } }
        return p
    }
}
