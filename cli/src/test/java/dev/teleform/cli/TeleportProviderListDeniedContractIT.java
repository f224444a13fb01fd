package dev.teleform.cli;

/**
 * The contract by the teleport provider through the stand-ins again, their simulator refusing each new workload
 * cluster's bot {@code list} ({@code simulator.deny_bot_list}), as Teleport Cloud may.
 */
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT) // as the class it extends
class TeleportProviderListDeniedContractIT extends TeleportProviderContractIT {

    @Override
    protected boolean botMayList() {
        return false;
    }
}
