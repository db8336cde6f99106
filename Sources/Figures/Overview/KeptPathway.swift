import Mechanisms
import Plotting

/// One pathway type among the first-layer groups a reduced circuit keeps, with how many groups have
/// it: a row of coloured chips in the overview figure (one chip per group, in the type's
/// ``Plotting/PathwayPalette`` colour, named in text beside them so the type never rests on colour alone).
public struct KeptPathway: Codable, Sendable, Equatable {
    /// "ON slow", "OFF fast" (the channel type's label).
    public var label: String
    public var polarity: Polarity
    public var speed: PathwaySpeed
    /// Kept groups of this type (≥ 1).
    public var groups: Int

    public init(label: String, polarity: Polarity, speed: PathwaySpeed, groups: Int) {
        self.label = label; self.polarity = polarity; self.speed = speed; self.groups = groups
    }

    /// The pathway colour of this type.
    public var color: RGBColor { PathwayPalette.color(polarity: polarity, speed: speed) }

    /// The kept groups' channel types, in ranking order, merged by label in order of first appearance
    /// (as the summary table's "5 × ON slow, ON fast").
    public static func merging(_ types: [ChannelType]) -> [KeptPathway] {
        var out: [KeptPathway] = []
        for t in types {
            if let i = out.firstIndex(where: { $0.label == t.label }) {
                out[i].groups += 1
            } else {
                out.append(KeptPathway(label: t.label, polarity: CatalogueText.polarity(t.polarity),
                                       speed: CatalogueText.speed(t.speed), groups: 1))
            }
        }
        return out
    }
}
