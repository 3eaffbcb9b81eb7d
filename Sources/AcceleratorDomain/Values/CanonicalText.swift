/// Text in Unicode Normalization Form C (NFC), as Accelerator stores and compares it.
///
/// The same name typed on a Mac (decomposed, NFD: `E` + U+0301) and on Windows (composed: `É`) is
/// one text: stored in NFC, an NFD spelling of a stored value is the same bytes, so an import reads
/// it as unchanged instead of flipping the stored name at each file. NFC keeps every letter, accent
/// and script exactly (it is canonical equivalence, not folding).
public enum CanonicalText {
    /// Whether UTF-8 bytes may be other than NFC: only a scalar from U+0300 on can be (every scalar
    /// below is its own NFC and composes with nothing before it), and its lead byte is 0xCC or more.
    /// French and English text (é is C3 A9) never reaches the slow path.
    public static func mayChange(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var index = 0
        // Eight bytes at a time: a byte b is 0xCC or more when its high bit is set and its low seven
        // bits plus 0x34 reach 0x80 (no carry crosses bytes: 0x7F + 0x34 < 0x100).
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let high = ((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x3434_3434_3434_3434) & word & 0x8080_8080_8080_8080
            if high != 0 { return true }
            index += 8
        }
        while index < bytes.count {
            if base[index] >= 0xCC { return true }
            index += 1
        }
        return false
    }

    /// The text in NFC (itself when it already is).
    public static func nfc(_ text: String) -> String {
        var text = text
        let mayChange = text.withUTF8 { Self.mayChange($0) }
        guard mayChange else { return text }
        // The standard library's own NFC, which String comparison uses (Foundation's
        // precomposedStringWithCanonicalMapping on Linux leaves a Hangul LV + T pair apart).
        let normalized = text._nfcCodeUnits
        return normalized.elementsEqual(text.utf8) ? text : String(decoding: normalized, as: UTF8.self)
    }

    /// An optional text in NFC.
    public static func nfc(_ text: String?) -> String? {
        text.map(nfc)
    }
}

extension ApplicationForm {
    /// The form with every text in NFC (`CanonicalText`), as it is stored.
    public var canonical: ApplicationForm {
        var form = self
        form.name = CanonicalText.nfc(name)
        form.legalName = CanonicalText.nfc(legalName)
        form.city = CanonicalText.nfc(city)
        form.region = CanonicalText.nfc(region)
        form.sector = CanonicalText.nfc(sector)
        form.website = CanonicalText.nfc(website)
        form.productStage = CanonicalText.nfc(productStage)
        form.description = CanonicalText.nfc(description)
        form.cohort = CanonicalText.nfc(cohort)
        form.founders = founders.map { founder in
            var founder = founder
            founder.fullName = CanonicalText.nfc(founder.fullName)
            return founder
        }
        return form
    }
}

extension FundingDraft {
    /// The draft with its investor in NFC.
    public var canonical: FundingDraft {
        var draft = self
        draft.investor = CanonicalText.nfc(investor)
        return draft
    }
}

extension MarketDraft {
    /// The draft with its partner in NFC.
    public var canonical: MarketDraft {
        var draft = self
        draft.partner = CanonicalText.nfc(partner)
        return draft
    }
}

extension MoveRequest {
    /// The request with every text it records in NFC: the mentor, the investor, the partner, the reason.
    public var canonical: MoveRequest {
        var request = self
        request.mentor.mentorName = CanonicalText.nfc(mentor.mentorName)
        request.mentor.organisation = CanonicalText.nfc(mentor.organisation)
        request.funding = funding.canonical
        request.market = market.canonical
        request.reason = CanonicalText.nfc(reason)
        return request
    }
}
