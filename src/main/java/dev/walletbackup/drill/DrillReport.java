package dev.walletbackup.drill;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;

/** What a drill proved, per source, as {@code drill --json} prints it; {@code proven} only if every source was. */
@JsonPropertyOrder({"proven", "sources"})
public record DrillReport(boolean proven, List<DrillOutcome> sources) {

    public static DrillReport of(List<DrillOutcome> sources) {
        return new DrillReport(sources.stream().allMatch(DrillOutcome::proven), List.copyOf(sources));
    }

    /** The first source that was not proven, whose failure the command's exit code reports. */
    @JsonIgnore
    public Optional<DrillOutcome> firstFailure() {
        return sources.stream().filter(source -> !source.proven()).findFirst();
    }
}
