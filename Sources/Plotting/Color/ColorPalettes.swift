/// The Okabe–Ito categorical palette (Okabe & Ito 2008, "Color Universal Design"): eight colours that
/// stay distinguishable under the common colour-vision deficiencies.
public enum OkabeIto {
    public static let orange = RGBColor(hex: 0xE69F00)
    public static let skyBlue = RGBColor(hex: 0x56B4E9)
    public static let bluishGreen = RGBColor(hex: 0x009E73)
    public static let yellow = RGBColor(hex: 0xF0E442)
    public static let blue = RGBColor(hex: 0x0072B2)
    public static let vermillion = RGBColor(hex: 0xD55E00)
    public static let reddishPurple = RGBColor(hex: 0xCC79A7)
    public static let black = RGBColor(hex: 0x000000)

    /// The palette in a cycling order that puts well-separated colours first (yellow, weak on white,
    /// comes last).
    public static let cycle: [RGBColor] = [
        blue, vermillion, bluishGreen, reddishPurple, orange, skyBlue, black, yellow,
    ]

    /// Colour `index` of ``cycle`` (wraps around).
    public static func color(_ index: Int) -> RGBColor {
        cycle[((index % cycle.count) + cycle.count) % cycle.count]
    }
}

/// The fixed colours of first-layer pathway types, used for every figure of the report so that "ON"
/// and "OFF" always look the same: ON warm (Okabe–Ito vermillion / orange), OFF cool (blue / sky blue);
/// the slow variant of each polarity is the lighter shade of the same family.
public enum PathwayPalette {
    /// ON pathways (fast shade): Okabe–Ito vermillion `#D55E00`.
    public static let on = onFast
    /// OFF pathways (fast shade): Okabe–Ito blue `#0072B2`.
    public static let off = offFast
    public static let onFast = OkabeIto.vermillion
    /// Okabe–Ito orange `#E69F00` (L* 71 vs 54: tells fast from slow by lightness too).
    public static let onSlow = OkabeIto.orange
    public static let offFast = OkabeIto.blue
    /// Okabe–Ito sky blue `#56B4E9` (L* 70 vs 46).
    public static let offSlow = OkabeIto.skyBlue
    /// Units of unknown or mixed polarity.
    public static let unsigned = RGBColor(hex: 0x6E6E6E)
    /// The ganglion-cell (output) node of circuit diagrams.
    public static let ganglion = RGBColor(hex: 0x3A3A3A)
    /// Stimulus traces and stimulus blocks.
    public static let stimulus = RGBColor(hex: 0x7F7F7F)

    /// The colour of a pathway with this polarity and speed (`nil` speed gives the fast shade).
    public static func color(polarity: Polarity, speed: PathwaySpeed? = nil) -> RGBColor {
        switch (polarity, speed) {
        case (.on, .slow?): return onSlow
        case (.on, _): return onFast
        case (.off, .slow?): return offSlow
        case (.off, _): return offFast
        case (.unsigned, _): return unsigned
        }
    }
}

/// Response polarity of a first-layer channel (sign of its temporal filter peak).
public enum Polarity: String, Codable, Sendable, CaseIterable {
    case on, off, unsigned
}

/// Relative speed of a pathway (latency of its temporal filter peak).
public enum PathwaySpeed: String, Codable, Sendable, CaseIterable {
    case fast, slow
}
