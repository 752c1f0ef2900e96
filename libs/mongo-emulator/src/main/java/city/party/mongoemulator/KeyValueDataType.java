package city.party.mongoemulator;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * Key type of the emulator's unique indexes. H2's default type compares keys it does not know
 * (mongo-java-server's {@link KeyValue}) by Java-serialising both sides on every comparison, so
 * each index lookup cost a few dozen serialisations — a quarter of the emulator's time under
 * load. This type compares the key values as MongoDB orders them ({@link ValueComparator}) and
 * stores each value with H2's own object encoding (compact for strings and numbers).
 */
final class KeyValueDataType extends BasicDataType<KeyValue> {

    static final KeyValueDataType INSTANCE = new KeyValueDataType();

    private static final ValueComparator ORDER = ValueComparator.asc();

    private final ObjectDataType values = new ObjectDataType();

    private KeyValueDataType() {
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        if (a == b) {
            return 0;
        }
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int order = ORDER.compare(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public int getMemory(KeyValue key) {
        int memory = 24;
        for (Object value : key) {
            memory += values.getMemory(value);
        }
        return memory;
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        buffer.putVarInt(key.size());
        for (Object value : key) {
            values.write(buffer, value);
        }
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        int size = DataUtils.readVarInt(buffer);
        List<Object> elements = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            elements.add(values.read(buffer));
        }
        return new KeyValue(elements);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
