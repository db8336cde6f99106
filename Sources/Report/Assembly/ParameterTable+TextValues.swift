import ReportKit

extension ParameterTable {
    /// The four-column table with every column left-aligned, for parameter lists whose values are mostly
    /// words ("gray screen", "60 % natural scenes, …"): right-aligned prose wraps raggedly on the left.
    var textTable: ReportTable {
        var t = table
        t.alignments = [.left, .left, .left, .left]
        return t
    }
}
