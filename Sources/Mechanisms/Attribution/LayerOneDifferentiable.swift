import RetinaCore

/// What integrated gradients needs from a network whose first layer is affine (a valid 3-D
/// correlation plus a bias, `docs/method.md` §4.2).
///
/// Shapes (all row-major `[Float]`):
/// - `conv1Weights`: `[C1, T, K, K]` with `T = historyFrames`; index `τ = T − 1` multiplies the newest
///   frame of a window.
/// - `conv1Bias`: `[C1]`.
/// - layer-1 preactivations `z`: `[count, C1, H1, W1]` with `H1 = screen.height − K + 1`,
///   `W1 = screen.width − K + 1`; `z = conv1 ⋆ window + bias` (before any normalisation or ReLU).
/// - rates: `[count, cellCount]` in Hz.
///
/// The requirements are declared `throws` so that throwing and non-throwing implementations both
/// conform. Conformers are `Sendable` and must allow concurrent calls (IG splits windows over threads).
/// The derived sizes (`layer1Channels`, `conv1KernelSize`, `layer1Height`, `layer1Width`) come from
/// the weight shapes in an extension, so a conformance needs only the members below.
public protocol LayerOneDifferentiable: Sendable {
    /// First-layer kernels `[C1, T, K, K]`.
    var conv1Weights: [Float] { get }
    /// First-layer biases `[C1]`.
    var conv1Bias: [Float] { get }
    /// Frames of history per window, `T`.
    var historyFrames: Int { get }
    /// Screen size in pixels.
    var screen: (height: Int, width: Int) { get }
    /// Number of output cells.
    var cellCount: Int { get }

    /// Layer-1 preactivations of every complete window of `movie`: `[windows, C1, H1, W1]` with
    /// `windows = movie.windowCount(history: historyFrames)`; window `i` ends at frame `i + T − 1`.
    /// A default implementation (direct correlation, ``Conv1Correlation``) is provided.
    func layer1Preactivations(of movie: Movie) throws -> [Float]

    /// Rates `[count, cellCount]` (Hz) of the layers above layer 1, given `z` of `count` windows.
    func ratesFromLayer1(_ z: [Float], count: Int) throws -> [Float]

    /// Rates `[count, cellCount]` and the gradient `∂target/∂z` (`[count, C1, H1, W1]`) of
    /// `target = Σ_j cellWeights[j] · r_j`, evaluated independently at each of the `count` points `z`.
    func layer1Gradient(_ z: [Float], count: Int, cellWeights: [Float]) throws -> (ratesHz: [Float], dTargetdZ: [Float])

    /// True when ``layer1Preactivations(of:)`` is exactly the valid cross-correlation of
    /// ``conv1Weights`` with the movie plus ``conv1Bias`` (the default implementation); analyses may
    /// then compute it from a stimulus symmetry instead. False by default.
    var layer1IsConv1Correlation: Bool { get }
}

extension LayerOneDifferentiable {
    public var layer1IsConv1Correlation: Bool { false }

    /// Number of first-layer channels, `C1 = conv1Bias.count`.
    public var layer1Channels: Int { conv1Bias.count }

    /// First-layer kernel side `K`, from `conv1Weights.count = C1 · T · K²`.
    public var conv1KernelSize: Int {
        let perChannel = conv1Weights.count / max(1, layer1Channels * historyFrames)
        var k = Int(Double(perChannel).squareRoot().rounded())
        while k * k > perChannel { k -= 1 }
        return k
    }

    /// Layer-1 map height `H1 = screen.height − K + 1`.
    public var layer1Height: Int { screen.height - conv1KernelSize + 1 }
    /// Layer-1 map width `W1 = screen.width − K + 1`.
    public var layer1Width: Int { screen.width - conv1KernelSize + 1 }
    /// Units per window in layer 1, `C1 · H1 · W1`.
    public var layer1UnitsPerWindow: Int { layer1Channels * layer1Height * layer1Width }

    /// The first-layer geometry as a value.
    public var conv1Geometry: Conv1Geometry {
        Conv1Geometry(channels: layer1Channels, history: historyFrames, kernel: conv1KernelSize,
                      screenHeight: screen.height, screenWidth: screen.width)
    }

    /// Default: direct valid correlation of every window with `conv1Weights`, plus `conv1Bias`.
    public func layer1Preactivations(of movie: Movie) throws -> [Float] {
        try conv1Geometry.validate(weights: conv1Weights, bias: conv1Bias)
        return try Conv1Correlation.forward(movie: movie, weights: conv1Weights, bias: conv1Bias, geometry: conv1Geometry)
    }
}
