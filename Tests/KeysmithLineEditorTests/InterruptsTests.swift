import KeysmithLineEditor
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite(.serialized) struct InterruptsTests {
    @Test func consumeReportsAnInterruptOnce() {
        Interrupts.clear()
        #expect(!Interrupts.pending)
        Interrupts.record()
        #expect(Interrupts.pending)
        #expect(Interrupts.consume())
        #expect(!Interrupts.consume())
    }

    @Test func sigintOnlySetsTheFlag() {
        // The test runner starts threads with SIGINT blocked; install()
        // unblocks it on the calling thread. Put the mask back afterwards.
        var previous = sigset_t()
        pthread_sigmask(SIG_SETMASK, nil, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        Interrupts.install()
        Interrupts.clear()
        raise(SIGINT)  // delivered to this thread before raise returns
        #expect(Interrupts.consume())
    }
}
