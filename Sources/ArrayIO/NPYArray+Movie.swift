import Foundation
import RetinaCore

extension NPYArray {
    /// Interprets a 3-D array `T × H × W` as a stimulus movie (contrast units).
    ///
    /// - Throws: ``ArrayIOError/invalidValue(what:reason:)`` (exit 65) naming `source` when the array
    ///   is not 3-D or has an empty axis; ``ArrayIOError/malformedContent(path:reason:)`` (exit 65)
    ///   when it holds a non-finite value or a contrast beyond
    ///   ±``Movie/maximumAbsoluteContrast`` (which makes the network's arithmetic overflow to a
    ///   meaningless 0 Hz); the frame and pixel are reported.
    public func movie(source: String) throws -> Movie {
        guard shape.count == 3 else {
            throw ArrayIOError.invalidValue(
                what: "stimulus '\(source)'",
                reason: "expected a 3-D array (frames, height, width), found shape \(shape)")
        }
        guard shape.allSatisfy({ $0 > 0 }) else {
            throw ArrayIOError.invalidValue(what: "stimulus '\(source)'", reason: "empty axis in shape \(shape)")
        }
        let limit = Float(Movie.maximumAbsoluteContrast)
        if let bad = values.firstIndex(where: { !($0.magnitude <= limit) }) {
            let frameSize = shape[1] * shape[2]
            let (t, y, x) = (bad / frameSize, (bad % frameSize) / shape[2], bad % shape[2])
            let problem = values[bad].isFinite ? "contrast \(values[bad])" : "non-finite value \(values[bad])"
            throw ArrayIOError.malformedContent(
                path: source,
                reason: "\(problem) at frame \(t), pixel (y \(y), x \(x)) (flat index \(bad)); expected finite contrasts "
                    + "within ±\(Int(limit)) (0 = gray, −1 = dark)")
        }
        return Movie(frames: shape[0], height: shape[1], width: shape[2], values: values)
    }

    /// A 2-D array `rows × cells` of rates in Hz.
    public init(rates: RateMatrix) {
        self.init(shape: [rates.rows, rates.cells], values: rates.valuesHz)
    }

    /// A 3-D array `frames × height × width` of a movie.
    public init(movie: Movie) {
        self.init(shape: [movie.frames, movie.height, movie.width], values: movie.values)
    }
}
