/// Sizes of an affine first layer: `C1` kernels of `T × K × K` applied as a valid correlation to a
/// `screenHeight × screenWidth` window of `T` frames, giving a `C1 × H1 × W1` map.
public struct Conv1Geometry: Codable, Sendable, Equatable {
    /// First-layer channels `C1`.
    public var channels: Int
    /// Frames per window `T`.
    public var history: Int
    /// Kernel side `K` in pixels.
    public var kernel: Int
    /// Screen height in pixels.
    public var screenHeight: Int
    /// Screen width in pixels.
    public var screenWidth: Int

    public init(channels: Int, history: Int, kernel: Int, screenHeight: Int, screenWidth: Int) {
        self.channels = channels; self.history = history; self.kernel = kernel
        self.screenHeight = screenHeight; self.screenWidth = screenWidth
    }

    /// Layer-1 map height `H1 = screenHeight − K + 1`.
    public var mapHeight: Int { screenHeight - kernel + 1 }
    /// Layer-1 map width `W1 = screenWidth − K + 1`.
    public var mapWidth: Int { screenWidth - kernel + 1 }
    /// Positions per channel map, `H1 · W1`.
    public var mapSize: Int { mapHeight * mapWidth }
    /// Layer-1 units per window, `C1 · H1 · W1`.
    public var unitsPerWindow: Int { channels * mapSize }
    /// Weights per channel, `T · K²`.
    public var weightsPerChannel: Int { history * kernel * kernel }
    /// Pixels per window, `T · H · W`.
    public var pixelsPerWindow: Int { history * screenHeight * screenWidth }

    /// Throws unless the sizes are positive and the arrays have `C1·T·K²` and `C1` elements.
    public func validate(weights: [Float], bias: [Float]) throws {
        guard channels > 0, history > 0, kernel > 0, mapHeight > 0, mapWidth > 0 else {
            throw MechanismsError.shapeMismatch(
                parameter: "conv1 geometry", expected: "positive C1, T, K and K ≤ screen",
                found: "C1 \(channels), T \(history), K \(kernel), screen \(screenHeight)x\(screenWidth)")
        }
        guard weights.count == channels * weightsPerChannel else {
            throw MechanismsError.shapeMismatch(
                parameter: "conv1Weights", expected: "\(channels * weightsPerChannel) values [\(channels), \(history), \(kernel), \(kernel)]",
                found: "\(weights.count) values")
        }
        guard bias.count == channels else {
            throw MechanismsError.shapeMismatch(parameter: "conv1Bias", expected: "\(channels) values", found: "\(bias.count) values")
        }
    }
}
