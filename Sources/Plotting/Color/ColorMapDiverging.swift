extension ColorMap {
    /// Anchors of ColorBrewer's 11-class RdBu scheme (Brewer, Harrower et al.), reversed so that the
    /// first anchor (dark blue) is the most negative value and the last (dark red) the most positive.
    /// This is matplotlib's `RdBu_r`.
    static let divergingAnchors: [UInt32] = [
        0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0,
        0xF7F7F7,
        0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F,
    ]

    /// Number of entries of ``diverging``: odd, so that `t = 0.5` (the value 0 of a symmetric scale)
    /// hits the centre anchor `#F7F7F7` exactly.
    public static let divergingEntryCount = 257

    /// Diverging blue–white–red map for signed attributions, centred exactly on its middle entry.
    ///
    /// Built by piecewise-linear sRGB interpolation between the 11 RdBu anchors (as matplotlib's
    /// `LinearSegmentedColormap` does), sampled at 257 points; entry 128 is exactly `#F7F7F7`.
    ///
    /// Why RdBu rather than the notebooks' `#2378FF → #FFFFFF → #FF3C3C`: both arms of RdBu darken
    /// monotonically away from the centre and reach the same CIE L* at equal |value| (L* ≈ 20 at the
    /// ends, ≈ 40 at ±0.8), so magnitude reads from lightness alone — in greyscale print and for
    /// deuteranopes and protanopes, for whom the blue–red axis is preserved. The notebooks' map ends at
    /// mid lightness (L* 53 and 57), so strong values stand out less and the two arms are not balanced.
    /// The centre is ColorBrewer's near-white, so the extent of a map stays visible on a white page.
    public static let diverging: ColorMap = {
        let anchors = divergingAnchors.map(RGBColor.init(hex:))
        let segments = anchors.count - 1
        let entries = (0..<divergingEntryCount).map { i -> RGBColor in
            // Position in anchor units, computed with integers so the centre and ends are exact.
            let numerator = i * segments
            let denominator = divergingEntryCount - 1
            let segment = min(numerator / denominator, segments - 1)
            let fraction = Double(numerator - segment * denominator) / Double(denominator)
            return anchors[segment].interpolated(to: anchors[segment + 1], fraction: fraction)
        }
        return ColorMap(name: .diverging, entries: entries)
    }()
}
