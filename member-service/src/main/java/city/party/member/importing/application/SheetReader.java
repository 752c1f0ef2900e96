package city.party.member.importing.application;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import cn.idev.excel.FastExcel;
import cn.idev.excel.context.AnalysisContext;
import cn.idev.excel.event.AnalysisEventListener;
import cn.idev.excel.support.ExcelTypeEnum;

/**
 * Streams the rows of an .xlsx or .csv file (first sheet, first row = headers) without loading the
 * whole file, using FastExcel (the maintained successor of Alibaba's EasyExcel, which clerks'
 * tools are used to). Blocking: call it off the event loop.
 */
final class SheetReader {

    enum Format { XLSX, CSV }

    /** The file could not be read as the format it claims to be. */
    static class UnreadableSheetException extends RuntimeException {
        UnreadableSheetException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private SheetReader() {
    }

    /**
     * Reads the file; {@code onHeaders} gets the header names, {@code onRow} each row as header →
     * text with its row number (the header row is 1).
     */
    static void read(Path file, Format format, Consumer<List<String>> onHeaders,
            BiConsumer<Integer, Map<String, String>> onRow) {
        List<String> headers = new ArrayList<>();
        AnalysisEventListener<Map<Integer, String>> listener = new AnalysisEventListener<>() {
            @Override
            public void invokeHeadMap(Map<Integer, String> head, AnalysisContext context) {
                int width = head.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
                for (int i = 0; i < width; i++) {
                    String name = head.get(i) == null ? "" : head.get(i).replace("\uFEFF", "").trim();
                    headers.add(name);
                }
                onHeaders.accept(List.copyOf(headers));
            }

            @Override
            public void invoke(Map<Integer, String> cells, AnalysisContext context) {
                Map<String, String> row = new LinkedHashMap<>();
                boolean blank = true;
                for (int i = 0; i < headers.size(); i++) {
                    String value = cells.get(i);
                    row.put(headers.get(i), value);
                    blank &= value == null || value.isBlank();
                }
                if (!blank) {
                    onRow.accept(context.readRowHolder().getRowIndex() + 1, row);
                }
            }

            @Override
            public void doAfterAllAnalysed(AnalysisContext context) {
            }
        };
        try {
            FastExcel.read(file.toFile(), listener)
                    .excelType(format == Format.CSV ? ExcelTypeEnum.CSV : ExcelTypeEnum.XLSX)
                    .charset(StandardCharsets.UTF_8).sheet(0).headRowNumber(1).doRead();
        }
        catch (StopReading stop) {
            throw stop;
        }
        catch (RuntimeException e) {
            if (e instanceof StopReading || e.getCause() instanceof StopReading) {
                throw (StopReading) (e instanceof StopReading ? e : e.getCause());
            }
            throw new UnreadableSheetException("the file is not a readable " + format.name().toLowerCase()
                    + " file: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Thrown by a callback to stop reading early (e.g. after the headers). */
    static class StopReading extends RuntimeException {
        StopReading() {
            super(null, null, false, false);
        }
    }
}
