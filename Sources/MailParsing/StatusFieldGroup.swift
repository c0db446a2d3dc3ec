/// The fields a delivery report gives one recipient (or its per-message part), gathered from the located blocks
/// of the report. Nearly always they are one block's fields, or a run of them, in order: the group then only
/// remembers where they lie, and a whole block is handed on as the block's own list (no list is made for it). Fields
/// gathered out of order (a recipient's fields split by a stray blank line) are copied into a list of their own.
struct StatusFieldGroup {
    typealias Field = HeaderBlockParser.FieldLayout

    /// The block the run lies in, and the run's field indices.
    private var block = 0
    private var run = 0..<0
    /// The fields once they are not one run of one block.
    private var gathered: [Field]? = nil

    var isEmpty: Bool { gathered?.isEmpty ?? run.isEmpty }

    /// Adds field `index` of block `blockIndex` of `blocks`.
    mutating func append(block blockIndex: Int, index: Int, of blocks: [[Field]]) {
        if gathered == nil {
            if run.isEmpty {
                block = blockIndex
                run = index..<(index + 1)
                return
            }
            if blockIndex == block, index == run.upperBound {
                run = run.lowerBound..<(index + 1)
                return
            }
            gathered = Array(blocks[block][run])
        }
        gathered?.append(blocks[blockIndex][index])
    }

    /// The fields, in the order added.
    func fields(of blocks: [[Field]]) -> [Field] {
        if let gathered { return gathered }
        if run.isEmpty { return [] }
        let whole = blocks[block]
        return run == whole.indices ? whole : Array(whole[run])
    }

    /// Calls `body` with each field, in the order added.
    func forEach(of blocks: [[Field]], _ body: (Field) -> Void) {
        if let gathered {
            for field in gathered { body(field) }
        } else if !run.isEmpty {
            for index in run { body(blocks[block][index]) }
        }
    }
}
