import Foundation
import Mechanisms
import Phenomena
import Plotting
import RetinaCore

/// Labels, numbers and caption fragments shared by the catalogue figures, so every figure names a
/// channel, a speed or a set of cells the same way.
enum CatalogueText {
    /// `x` with `digits` decimals and a typographic minus; "n/a" when nil or not finite.
    static func number(_ x: Double?, _ digits: Int) -> String {
        guard let x, x.isFinite else { return "n/a" }
        return TickFormatter.decimal(x, digits: digits)
    }

    /// "c3 OFF fast": channel index (0-based, as in the mechanism statement) and type.
    static func channel(_ c: Int, _ types: ChannelTypeTable) -> String {
        c < types.types.count ? "c\(c) \(types[c].label)" : "c\(c)"
    }

    /// The channel's pathway colour.
    static func color(_ c: Int, _ types: ChannelTypeTable) -> RGBColor {
        guard c < types.types.count else { return PathwayPalette.unsigned }
        return PathwayPalette.color(polarity: polarity(types[c].polarity), speed: speed(types[c].speed))
    }

    static func polarity(_ p: ChannelPolarity) -> Polarity { p == .on ? .on : .off }
    static func speed(_ s: ChannelSpeed) -> PathwaySpeed { s == .fast ? .fast : .slow }

    /// "cell 2" or "cells 0, 1, 2 (n = 3)".
    static func cells(_ cells: [Int]) -> String {
        cells.count == 1 ? "cell \(cells[0])" : "cells \(cells.map(String.init).joined(separator: ", ")) (n = \(cells.count))"
    }

    /// "the mean rate of cells 0, 1, 2 (n = 3)".
    static func meanRate(_ cells: [Int]) -> String {
        cells.count == 1 ? "the rate of cell \(cells[0])" : "the mean rate of \(Self.cells(cells))"
    }

    /// "0.19 px/frame (1.05 mm/s)".
    static func speed(pixelsPerFrame v: Double) -> String {
        "\(trimmed(v)) px/frame (\(number(Units.millimetresPerSecond(pixelsPerFrame: v), 2)) mm/s)"
    }

    /// "1.05 mm/s".
    static func shortSpeed(pixelsPerFrame v: Double) -> String {
        "\(number(Units.millimetresPerSecond(pixelsPerFrame: v), 2)) mm/s"
    }

    /// Shortest decimal form of a protocol value (0.19, 30, 0.05).
    static func trimmed(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e9 { return TickFormatter.decimal(x, digits: 0) }
        for digits in 1...6 {
            let text = String(format: "%.\(digits)f", x)
            if abs((Double(text) ?? x) - x) < 1e-9 { return TickFormatter.decimal(x, digits: digits) }
        }
        return TickFormatter.decimal(x, digits: 6)
    }

    /// The kept groups as they appear in circuits and captions: "c3 OFF fast" (full field) or
    /// "c3 OFF fast, −110…55 µm" (bar groups, map-column centres relative to the RF centre).
    static func group(_ g: UnitGroup, _ types: ChannelTypeTable, rfCentreX: Double?) -> String {
        let name = channel(g.channel, types)
        guard let range = micronRange(g, kernel: types.kernel, rfCentreX: rfCentreX) else { return name }
        return range.lowerBound == range.upperBound
            ? "\(name), \(number(range.lowerBound, 0)) µm"
            : "\(name), \(number(range.lowerBound, 0))…\(number(range.upperBound, 0)) µm"
    }

    /// Screen positions (µm relative to the RF centre) of a bar group's first and last map column:
    /// map column `x` is centred on screen pixel `x + (K − 1)/2`.
    static func micronRange(_ g: UnitGroup, kernel: Int, rfCentreX: Double?) -> ClosedRange<Double>? {
        guard let columns = g.columns, let first = columns.first, let last = columns.last, let rf = rfCentreX else { return nil }
        let offset = Double(kernel - 1) / 2 - rf
        return Units.microns(pixels: Double(first) + offset)...Units.microns(pixels: Double(last) + offset)
    }

    /// "Full model: black solid; reduced circuit: green dashed; ground-truth retina: grey dotted."
    static func modelStyles(groundTruth: Bool, sentence: Bool = true) -> String {
        (sentence ? "Full CNN" : "full CNN") + ": black solid; reduced circuit: green dashed"
            + (groundTruth ? "; simulated ground-truth retina: grey dotted." : ".")
    }

    /// One sentence describing a diverging attribution colour scale with limit `limit` Hz.
    static func attributionScale(limit: Double, panels: String) -> String {
        "Colour: attribution in Hz on a diverging scale centred on 0 (white); red raises the rate, blue lowers it; "
            + "limits ±\(significant(limit)) Hz (the largest |attribution|) shared by \(panels)."
    }

    /// Two significant digits (e.g. 0.0042, 3.1, 120).
    static func significant(_ x: Double) -> String {
        guard x.isFinite, x != 0 else { return "0" }
        let digits = max(0, 1 - Int(floor(log10(abs(x)))))
        return number(x, digits)
    }

    /// The reduced model's fit in words.
    /// Legend label of the division ablation's curve.
    static let ablationLabel = "reduced, no ÷"

    /// Caption phrase introducing the division ablation's curve (a solid line in the next Okabe–Ito colour).
    static let ablationCaption = "solid coloured line (reduced, no ÷): the division ablation, the best purely subtractive circuit "
        + "on the same pathways"

    static func reducedFit(_ r: ReductionResult) -> String {
        "The reduced circuit keeps \(r.kept.count) unit group\(r.kept.count == 1 ? "" : "s") "
            + "(\(number(100 * r.keptShare, 0)) % of the attribution) and reproduces the full response with Pearson r = "
            + "\(number(r.model.fit.pearson, 3)) (R² = \(number(r.model.fit.r2, 2)))."
    }

    /// "a full-height dark bar 2 px (110 µm) wide at contrast −1".
    static func bar(contrast: Double, widthPixels: Double) -> String {
        "a full-height \(contrast < 0 ? "dark" : "bright") bar \(trimmed(widthPixels)) px "
            + "(\(number(Units.microns(pixels: widthPixels), 0)) µm) wide at contrast \(trimmed(contrast))"
    }
}
