package city.party.platform.test;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

class RequiresRealMongoCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return TestInfrastructure.usesContainers() ? ConditionEvaluationResult.enabled("real MongoDB in a container")
                : ConditionEvaluationResult.disabled("needs a real MongoDB (no Docker engine here; the emulator "
                        + "lacks transactions and $text)");
    }
}
