package city.party.member.importing.application;

import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkRetryTest {

    @Test
    void aChunkNotAnsweredOrMetWithAnUnreachableDatabaseIsWrittenAgain() {
        assertThat(MemberImportService.transientWriteFailure(new TimeoutException("no answer in 90 s"))).isTrue();
        assertThat(MemberImportService.transientWriteFailure(
                new DataAccessResourceFailureException("Timed out while receiving message"))).isTrue();
        assertThat(MemberImportService.transientWriteFailure(new QueryTimeoutException("slow"))).isTrue();
    }

    @Test
    void aRefusedChunkIsNotRetried() {
        assertThat(MemberImportService.transientWriteFailure(new DuplicateKeyException("E11000"))).isFalse();
        assertThat(MemberImportService.transientWriteFailure(new IllegalStateException("a bug"))).isFalse();
    }
}
