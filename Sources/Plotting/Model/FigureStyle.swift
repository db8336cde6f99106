/// Typography and stroke defaults of a figure, at print size. Sizes in points (1/72 inch).
///
/// Defaults follow journal practice (Nature asks for 5–7 pt text and 8 pt bold panel letters; the
/// conventions notes A.6 say 7–10 pt) with three sizes only, so every panel looks alike: 6.5 pt for tick
/// labels, legends and annotations, 7.5 pt for axis labels and titles, 10 pt bold panel letters;
/// spines 0.6 pt, data lines 1–1.4 pt.
public struct FigureStyle: Codable, Sendable, Equatable {
    /// Font family chosen explicitly (installed with `fonts-dejavu-core`).
    public var fontFamily: String
    public var tickLabelPoints: Double
    public var axisLabelPoints: Double
    public var titlePoints: Double
    public var panelLetterPoints: Double
    public var legendPoints: Double
    public var annotationPoints: Double
    public var spineWidthPoints: Double
    public var tickLengthPoints: Double
    /// Space between tick, tick label and axis label.
    public var labelPaddingPoints: Double
    /// Empty border around the whole figure.
    public var figurePaddingPoints: Double
    public var textColor: RGBColor
    public var spineColor: RGBColor

    public init(fontFamily: String = "DejaVu Sans", tickLabelPoints: Double = 6.5, axisLabelPoints: Double = 7.5,
                titlePoints: Double = 7.5, panelLetterPoints: Double = 10, legendPoints: Double = 6.5,
                annotationPoints: Double = 6.5, spineWidthPoints: Double = 0.6, tickLengthPoints: Double = 2.5,
                labelPaddingPoints: Double = 2, figurePaddingPoints: Double = 3,
                textColor: RGBColor = RGBColor(hex: 0x1A1A1A), spineColor: RGBColor = RGBColor(hex: 0x1A1A1A)) {
        self.fontFamily = fontFamily
        self.tickLabelPoints = tickLabelPoints
        self.axisLabelPoints = axisLabelPoints
        self.titlePoints = titlePoints
        self.panelLetterPoints = panelLetterPoints
        self.legendPoints = legendPoints
        self.annotationPoints = annotationPoints
        self.spineWidthPoints = spineWidthPoints
        self.tickLengthPoints = tickLengthPoints
        self.labelPaddingPoints = labelPaddingPoints
        self.figurePaddingPoints = figurePaddingPoints
        self.textColor = textColor
        self.spineColor = spineColor
    }

    /// The default print style.
    public static let journal = FigureStyle()
}
