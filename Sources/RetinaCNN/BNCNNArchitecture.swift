import RetinaCore

/// How the two hidden batch-norm layers share their statistics.
public enum BatchNormMode: String, Codable, Sendable, Equatable {
    /// The paper's BN-CNN (Keras `BatchNormalization` after `Flatten`; torch-deep-retina `BNCNN`
    /// with `bnorm_d = 1`): one γ, β, running mean and running variance per flattened unit, the
    /// flatten being channel-major over (C, H, W).
    case perUnit
    /// `BatchNorm2d`-style: one γ, β, mean and variance per channel, statistics pooled over the
    /// batch and all spatial positions.
    case perChannel
}

/// Sizes and hyper-parameters of the 3-layer BN-CNN (docs/method.md §3.1).
///
/// Input: `historyFrames` frames of `height × width` contrast as input channels →
/// conv1 (`conv1Channels` maps, `conv1Kernel`², valid) → BN → noise → ReLU →
/// conv2 (`conv2Channels` maps, `conv2Kernel`², valid) → BN → noise → ReLU →
/// dense (no bias) → BN over `cells` → softplus (Hz).
/// Every size is a parameter so tests can use tiny networks; the defaults are the paper's.
public struct BNCNNArchitecture: Codable, Sendable, Equatable {
    public var historyFrames: Int
    public var height: Int
    public var width: Int
    public var conv1Channels: Int
    public var conv1Kernel: Int
    public var conv2Channels: Int
    public var conv2Kernel: Int
    public var cells: Int
    public var batchNorm: BatchNormMode
    /// ε added to the variance in every batch norm (Keras and torch-deep-retina use 1e-3).
    public var bnEpsilon: Float
    /// Running-statistics momentum, PyTorch convention: running = (1 − m)·running + m·batch.
    public var bnMomentum: Float
    /// Standard deviation of the additive Gaussian noise after BN1 and BN2 (training only).
    public var noiseSigma: Float

    public init(cells: Int, historyFrames: Int = Units.historyFrames, height: Int = 50, width: Int = 50,
                conv1Channels: Int = 8, conv1Kernel: Int = 15, conv2Channels: Int = 8, conv2Kernel: Int = 11,
                batchNorm: BatchNormMode = .perUnit, bnEpsilon: Float = 1e-3, bnMomentum: Float = 0.01,
                noiseSigma: Float = 0.05) {
        self.historyFrames = historyFrames; self.height = height; self.width = width
        self.conv1Channels = conv1Channels; self.conv1Kernel = conv1Kernel
        self.conv2Channels = conv2Channels; self.conv2Kernel = conv2Kernel
        self.cells = cells; self.batchNorm = batchNorm
        self.bnEpsilon = bnEpsilon; self.bnMomentum = bnMomentum; self.noiseSigma = noiseSigma
    }

    /// The paper's network for `cells` output cells (40 × 50 × 50 input, 8@15², 8@11²).
    public static func paper(cells: Int) -> BNCNNArchitecture { BNCNNArchitecture(cells: cells) }

    // MARK: Derived sizes

    /// Layer-1 map height `height − conv1Kernel + 1` (36 for the defaults).
    public var layer1Height: Int { height - conv1Kernel + 1 }
    public var layer1Width: Int { width - conv1Kernel + 1 }
    /// Layer-2 map height `layer1Height − conv2Kernel + 1` (26 for the defaults).
    public var layer2Height: Int { layer1Height - conv2Kernel + 1 }
    public var layer2Width: Int { layer1Width - conv2Kernel + 1 }
    /// Positions per layer-1 map.
    public var layer1MapSize: Int { layer1Height * layer1Width }
    public var layer2MapSize: Int { layer2Height * layer2Width }
    /// Layer-1 units `C1·H1·W1` (10,368 for the defaults).
    public var layer1Units: Int { conv1Channels * layer1MapSize }
    /// Layer-2 units `C2·H2·W2` (5,408 for the defaults).
    public var layer2Units: Int { conv2Channels * layer2MapSize }
    /// Floats in one input window `T·H·W`.
    public var windowSize: Int { historyFrames * height * width }
    /// Conv1 weights `[C1, T, K1, K1]`.
    public var conv1WeightCount: Int { conv1Channels * historyFrames * conv1Kernel * conv1Kernel }
    /// Conv2 weights `[C2, C1, K2, K2]`.
    public var conv2WeightCount: Int { conv2Channels * conv1Channels * conv2Kernel * conv2Kernel }
    /// Dense weights `[cells, C2·H2·W2]`.
    public var denseWeightCount: Int { cells * layer2Units }
    /// Parameters of BN1 / BN2 (per unit or per channel, depending on `batchNorm`).
    public var bn1Count: Int { batchNorm == .perUnit ? layer1Units : conv1Channels }
    public var bn2Count: Int { batchNorm == .perUnit ? layer2Units : conv2Channels }

    /// Throws `RetinaCNNError.invalidArchitecture` when a size is not positive or a kernel does not
    /// fit its input.
    public func validate() throws {
        func check(_ ok: Bool, _ message: @autoclosure () -> String) throws {
            if !ok { throw RetinaCNNError.invalidArchitecture(message()) }
        }
        try check(historyFrames >= 1, "historyFrames must be ≥ 1, found \(historyFrames)")
        try check(height >= 1 && width >= 1, "height and width must be ≥ 1, found \(height)×\(width)")
        try check(conv1Channels >= 1 && conv2Channels >= 1,
                  "channel counts must be ≥ 1, found conv1Channels \(conv1Channels), conv2Channels \(conv2Channels)")
        try check(cells >= 1, "cells must be ≥ 1, found \(cells)")
        try check(conv1Kernel >= 1 && conv1Kernel <= min(height, width),
                  "conv1Kernel must be in 1…\(min(height, width)) for a \(height)×\(width) input, found \(conv1Kernel)")
        try check(conv2Kernel >= 1 && conv2Kernel <= min(layer1Height, layer1Width),
                  "conv2Kernel must be in 1…\(min(layer1Height, layer1Width)) for a \(layer1Height)×\(layer1Width) layer-1 map, found \(conv2Kernel)")
        try check(bnEpsilon > 0 && bnEpsilon.isFinite, "bnEpsilon must be > 0, found \(bnEpsilon)")
        try check(bnMomentum >= 0 && bnMomentum <= 1, "bnMomentum must be in [0, 1], found \(bnMomentum)")
        try check(noiseSigma >= 0 && noiseSigma.isFinite, "noiseSigma must be ≥ 0, found \(noiseSigma)")
    }
}
