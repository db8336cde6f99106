/// Firing rates of a population over time: `rows × cells`, row-major, in Hz.
///
/// Row convention shared by `predict`, `simulate` and every analysis: for a movie of T frames and
/// a model with `history` frames of memory, row `i` is the rate for the window ending at frame
/// `i + history − 1` (so there are `T − history + 1` rows).
public struct RateMatrix: Sendable, Equatable, Codable {
    public var rows: Int
    public var cells: Int
    /// Row-major rates in Hz, index `row * cells + cell`.
    public var valuesHz: [Float]

    public init(rows: Int, cells: Int, valuesHz: [Float]) {
        precondition(valuesHz.count == rows * cells, "RateMatrix values do not match \(rows)x\(cells)")
        self.rows = rows; self.cells = cells; self.valuesHz = valuesHz
    }

    public init(rows: Int, cells: Int) {
        self.init(rows: rows, cells: cells, valuesHz: [Float](repeating: 0, count: rows * cells))
    }

    @inlinable public subscript(row: Int, cell: Int) -> Float {
        get { valuesHz[row * cells + cell] }
        set { valuesHz[row * cells + cell] = newValue }
    }

    /// The time course of one cell, in Hz.
    public func trace(cell: Int) -> [Float] { (0..<rows).map { self[$0, cell] } }

    /// Mean over a set of cells at every row, in Hz.
    public func meanTrace(cells set: [Int]) -> [Float] {
        precondition(!set.isEmpty)
        return (0..<rows).map { r in set.reduce(Float(0)) { $0 + self[r, $1] } / Float(set.count) }
    }
}
