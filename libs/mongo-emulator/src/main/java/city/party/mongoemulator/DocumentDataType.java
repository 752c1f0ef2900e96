package city.party.mongoemulator;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * Value type of the emulator's document maps: BSON, with mongo-java-server's own wire codec (every
 * stored document is sent over the wire in that form anyway). H2's generic type stores documents
 * Java-serialised, which made writing and reading pages about half of the emulator's CPU under an
 * import. A value written by the generic type is still read (it starts with one of H2's type tags,
 * all below {@value #BSON}); pages are rewritten in the new form as they change.
 */
final class DocumentDataType extends BasicDataType<Document> {

    static final DocumentDataType INSTANCE = new DocumentDataType();

    static final int BSON = 0xC5;
    private static final int SCRATCH_KEPT = 1 << 20;
    private static final ThreadLocal<ByteBuf> SCRATCH = ThreadLocal.withInitial(() -> Unpooled.buffer(4096));

    private final ObjectDataType generic = new ObjectDataType();

    private DocumentDataType() {
    }

    @Override
    public int getMemory(Document document) {
        return estimate(document, 0);
    }

    /** A rough size on the heap, for H2's cache accounting; cheap, since it runs on every write. */
    private static int estimate(Object value, int depth) {
        if (value instanceof String string) {
            return 40 + string.length() * 2;
        }
        if (depth > 20) {
            return 64;
        }
        if (value instanceof Map<?, ?> map) {
            int size = 64;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += 48 + estimate(entry.getKey(), depth + 1) + estimate(entry.getValue(), depth + 1);
            }
            return size;
        }
        if (value instanceof Collection<?> collection) {
            int size = 40;
            for (Object element : collection) {
                size += 8 + estimate(element, depth + 1);
            }
            return size;
        }
        if (value instanceof byte[] bytes) {
            return 24 + bytes.length;
        }
        return 24;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf scratch = SCRATCH.get();
        scratch.clear();
        BsonEncoder.encodeDocument(document, scratch);
        int length = scratch.readableBytes();
        buffer.put((byte) BSON).putVarInt(length).put(scratch.array(), scratch.arrayOffset() + scratch.readerIndex(),
                length);
        if (scratch.capacity() > SCRATCH_KEPT) {
            SCRATCH.remove();
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        if ((buffer.get(buffer.position()) & 0xff) != BSON) {
            return (Document) generic.read(buffer);
        }
        buffer.get();
        int length = DataUtils.readVarInt(buffer);
        ByteBuf bson = Unpooled.wrappedBuffer(buffer.slice(buffer.position(), length));
        buffer.position(buffer.position() + length);
        return BsonDecoder.decodeBson(bson);
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
