/// Size of one grid track (row or column) of a ``PanelGrid``.
public enum GridTrack: Codable, Sendable, Equatable {
    /// A share of the space left after fixed tracks and gaps.
    case weight(Double)
    /// A fixed size in millimetres (colour-bar columns, stimulus rows).
    case millimetres(Double)
}

/// The grid panels are placed on.
public struct PanelGrid: Codable, Sendable, Equatable {
    public var rows: [GridTrack]
    public var columns: [GridTrack]
    /// Space between rows / columns, in points.
    public var rowGapPoints: Double
    public var columnGapPoints: Double
    /// Weights share out the plot areas rather than the panel frames: a column whose panels need wider
    /// margins (tick labels, axis labels) gets a wider track, so equal weights give equal plot widths
    /// (and heights). Default `true`.
    public var weightsApplyToPlotAreas: Bool

    public init(rows: [GridTrack], columns: [GridTrack], rowGapPoints: Double = 6, columnGapPoints: Double = 8,
                weightsApplyToPlotAreas: Bool = true) {
        self.rows = rows
        self.columns = columns
        self.rowGapPoints = rowGapPoints
        self.columnGapPoints = columnGapPoints
        self.weightsApplyToPlotAreas = weightsApplyToPlotAreas
    }

    /// `rows × columns` equal tracks.
    public static func uniform(rows: Int, columns: Int) -> PanelGrid {
        PanelGrid(rows: Array(repeating: .weight(1), count: rows), columns: Array(repeating: .weight(1), count: columns))
    }
}

/// Where a panel sits on the grid (zero-based, spans ≥ 1).
public struct GridCell: Codable, Sendable, Equatable {
    public var row: Int
    public var column: Int
    public var rowSpan: Int
    public var columnSpan: Int

    public init(row: Int, column: Int, rowSpan: Int = 1, columnSpan: Int = 1) {
        self.row = row
        self.column = column
        self.rowSpan = rowSpan
        self.columnSpan = columnSpan
    }
}

/// What a panel shows.
public enum PanelContent: Codable, Sendable, Equatable {
    case axes(Axes)
    case stack(AxesStack)
    case colorBar(ColorBar)
    case circuit(CircuitDiagram)
    case blank

    /// Colour bars and blanks are not lettered.
    public var takesLetter: Bool {
        switch self {
        case .axes, .stack, .circuit: return true
        case .colorBar, .blank: return false
        }
    }
}

/// One panel: content, grid cell, and its letter (bold, top-left, outside the plot area).
public struct Panel: Codable, Sendable, Equatable {
    public var cell: GridCell
    public var content: PanelContent
    /// "a", "b", … ; `nil` = none. ``FigureSpec/lettered()`` fills these in reading order.
    public var letter: String?

    public init(_ content: PanelContent, at cell: GridCell, letter: String? = nil) {
        self.cell = cell
        self.content = content
        self.letter = letter
    }
}

/// A complete figure: physical size, panel grid, panels, style, and the id and suggested caption the
/// report uses. Pure data: a renderer turns it into PNG/SVG/PDF.
public struct FigureSpec: Codable, Sendable, Equatable {
    /// Nature single-column width.
    public static let singleColumnMillimetres = 89.0
    /// Nature double-column width.
    public static let doubleColumnMillimetres = 183.0
    /// Points per millimetre (72 / 25.4).
    public static let pointsPerMillimetre = 72.0 / 25.4

    /// Slug used for file names, e.g. "osr-traces" (lowercase letters, digits, '-').
    public var id: String
    /// Suggested caption (the report numbers figures and may rewrite it).
    public var caption: String
    public var widthMillimetres: Double
    public var heightMillimetres: Double
    public var grid: PanelGrid
    public var panels: [Panel]
    public var style: FigureStyle

    public init(id: String, caption: String, widthMillimetres: Double, heightMillimetres: Double,
                grid: PanelGrid, panels: [Panel], style: FigureStyle = .journal) {
        self.id = id
        self.caption = caption
        self.widthMillimetres = widthMillimetres
        self.heightMillimetres = heightMillimetres
        self.grid = grid
        self.panels = panels
        self.style = style
    }

    public var widthPoints: Double { widthMillimetres * Self.pointsPerMillimetre }
    public var heightPoints: Double { heightMillimetres * Self.pointsPerMillimetre }

    /// Pixel size at `dpi`: `round(mm / 25.4 · dpi)` per side.
    public func pixelSize(dpi: Double) -> (width: Int, height: Int) {
        (Int((widthMillimetres / 25.4 * dpi).rounded()), Int((heightMillimetres / 25.4 * dpi).rounded()))
    }

    /// A copy whose letterable panels are lettered a, b, c, … in reading order (by row, then column, of
    /// their top-left grid cell; ties keep array order). Existing letters are replaced.
    public func lettered() -> FigureSpec {
        var copy = self
        let order = panels.indices
            .filter { panels[$0].content.takesLetter }
            .sorted { (panels[$0].cell.row, panels[$0].cell.column, $0) < (panels[$1].cell.row, panels[$1].cell.column, $1) }
        for (rank, index) in order.enumerated() {
            copy.panels[index].letter = Self.letter(rank)
        }
        return copy
    }

    /// "a" … "z", then "aa", "ab", ….
    public static func letter(_ rank: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz")
        return rank < 26 ? String(alphabet[rank]) : letter(rank / 26 - 1) + String(alphabet[rank % 26])
    }
}
