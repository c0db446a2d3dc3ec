extension String {
    /// Text from bytes the caller has just found to be ASCII (a value scanned byte by byte, a body checked before
    /// it is decoded). `String(decoding:as:)` and `String(unsafeUninitializedCapacity:)` scan every string they make
    /// again, to validate it: a second pass over bytes whose answer is already known, for a dozen header values and
    /// every ASCII text body of each message. These bytes are copied as they are.
    @usableFromInline
    init(checkedASCII bytes: UnsafeBufferPointer<UInt8>) {
        assert(!bytes.contains { $0 >= 0x80 }, "String(checkedASCII:) given a byte outside ASCII")
        if #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) {
            self.init(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: true))
        } else {
            self.init(decoding: bytes, as: UTF8.self)
        }
    }

    /// Text from bytes that are valid UTF-8 by construction (other strings' bytes put together): copied without a
    /// validation pass, only a scan for whether they are ASCII (stopping at the first byte that is not), which the
    /// string keeps to take its fast paths.
    @usableFromInline
    init(knownValidUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        if #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) {
            var text = UTF8Span(unchecked: bytes.span)
            _ = text.checkForASCII()
            self.init(copying: text)
        } else {
            self.init(decoding: bytes, as: UTF8.self)
        }
    }

    /// `init(checkedASCII:)` of the bytes `write` puts into scratch memory of `capacity` bytes (on the stack when
    /// small), returning how many it wrote: for text spelled from ASCII bytes (an address with its domain lowercased,
    /// a header value unfolded). Written into the string's own storage instead, it was validated there.
    init(checkedASCIICapacity capacity: Int, writing write: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        self = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { scratch in
            String(checkedASCII: UnsafeBufferPointer(rebasing: scratch[..<write(scratch)]))
        }
    }

    /// `init(knownValidUTF8:)` of the bytes `write` puts into scratch memory of `capacity` bytes, returning how many
    /// it wrote: for text that is valid UTF-8 as it is written (a string's bytes with ASCII whitespace collapsed,
    /// one-byte charset text mapped through a table of UTF-8 sequences).
    init(knownValidUTF8Capacity capacity: Int, writing write: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        self = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { scratch in
            String(knownValidUTF8: UnsafeBufferPointer(rebasing: scratch[..<write(scratch)]))
        }
    }
}
