/// Coding of enums with one unlabeled payload as a one-key object (`{"share": 0.9}`), the form a
/// configuration key path can reach (`selection.share`); Swift's synthesised form (`{"share": {"_0": 0.9}}`)
/// is still read, so files written before this change decode.
enum OneKeyCoding {
    /// Decodes the one key of an enum object with `make`; throws naming the keys when there is not
    /// exactly one.
    static func decode<Keys: CodingKey & CaseIterable, T>(_ decoder: any Decoder, _: Keys.Type,
                                                           _ make: (KeyedDecodingContainer<Keys>, Keys) throws -> T) throws -> T {
        let c = try decoder.container(keyedBy: Keys.self)
        guard c.allKeys.count == 1, let key = c.allKeys.first else {
            let names = Keys.allCases.map(\.stringValue).joined(separator: ", ")
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath,
                                                    debugDescription: "exactly one of \(names), found \(c.allKeys.count) keys"))
        }
        return try make(c, key)
    }

    /// The payload under `key`: the value itself, or Swift's synthesised `{"_0": value}`.
    static func value<Keys: CodingKey, V: Decodable>(_: V.Type, _ c: KeyedDecodingContainer<Keys>, _ key: Keys) throws -> V {
        if let v = try? c.decode(V.self, forKey: key) { return v }
        return try c.nestedContainer(keyedBy: PayloadKey.self, forKey: key).decode(V.self, forKey: .payload)
    }

    private enum PayloadKey: String, CodingKey { case payload = "_0" }
}
