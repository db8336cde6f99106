/// One cell's linear filters read from a trained model (estimated by `CellFilterEstimation` in
/// Training, drawn by the figure catalogue).
public struct CellFilter: Codable, Sendable, Equatable {
    public var cellID: String
    /// Temporal filter at the receptive-field centre, window order (index 0 = oldest frame, last =
    /// the newest frame of the window), in Hz per input unit.
    public var temporal: [Double]
    /// Spatial filter at the lag of the temporal filter's largest |value|, `rows × columns`,
    /// row-major, row 0 at the top.
    public var spatial: [Double]
    public var rows: Int
    public var columns: Int
    /// Receptive-field centre (y, x) in pixels.
    public var centreY: Double
    public var centreX: Double

    public init(cellID: String, temporal: [Double], spatial: [Double], rows: Int, columns: Int, centreY: Double, centreX: Double) {
        self.cellID = cellID; self.temporal = temporal; self.spatial = spatial
        self.rows = rows; self.columns = columns; self.centreY = centreY; self.centreX = centreX
    }
}
