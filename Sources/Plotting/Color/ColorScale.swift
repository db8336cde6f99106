/// Maps data values to colours: a colour map plus the data values at its two ends.
///
/// `t = (v − lower) / (upper − lower)`, clamped to 0…1, then ``ColorMap/color(at:)``. For a symmetric
/// scale (`lower = −L`, `upper = L`) the value 0 gives `t = L / 2L = 0.5` exactly in floating point, hence
/// the diverging map's exact centre colour.
public struct ColorScale: Codable, Sendable, Equatable {
    public var map: ColorMapName
    /// Data value drawn with the first entry of the map.
    public var lower: Double
    /// Data value drawn with the last entry of the map.
    public var upper: Double

    /// A scale from `lower` to `upper`; `lower < upper` is checked by figure validation.
    public init(map: ColorMapName, lower: Double, upper: Double) {
        self.map = map
        self.lower = lower
        self.upper = upper
    }

    /// The diverging map from `−limit` to `+limit` (`limit > 0`): 0 is the centre colour.
    public static func symmetric(limit: Double, map: ColorMapName = .diverging) -> ColorScale {
        ColorScale(map: map, lower: -limit, upper: limit)
    }

    /// Normalised position of `value` on the map, clamped to 0…1.
    public func normalized(_ value: Double) -> Double {
        let t = (value - lower) / (upper - lower)
        return min(max(t, 0), 1)
    }

    /// The colour drawn for `value` (values outside the limits saturate at the end colours).
    public func color(for value: Double) -> RGBColor {
        map.colorMap.color(at: normalized(value))
    }

    /// True when `lower = −upper`, i.e. zero sits at the centre of the map.
    public var isSymmetric: Bool { lower == -upper }
}
