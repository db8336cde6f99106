import Foundation
import RetinaCore

extension NPYArray {
    /// Interprets a 3-D array `T × H × W` as a stimulus movie (contrast units).
    ///
    /// - Throws: ``ArrayIOError/invalidValue(what:reason:)`` naming `source` when the array is not
    ///   3-D, has an empty axis, or holds a non-finite value (the index is reported).
    public func movie(source: String) throws -> Movie {
        guard shape.count == 3 else {
            throw ArrayIOError.invalidValue(
                what: "stimulus '\(source)'",
                reason: "expected a 3-D array (frames, height, width), found shape \(shape)")
        }
        guard shape.allSatisfy({ $0 > 0 }) else {
            throw ArrayIOError.invalidValue(what: "stimulus '\(source)'", reason: "empty axis in shape \(shape)")
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw ArrayIOError.invalidValue(
                what: "stimulus '\(source)'", reason: "non-finite value \(values[bad]) at flat index \(bad)")
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
