package dev.teleform.cli;

/**
 * The contract by the teleport provider through the stand-ins again, their simulator refusing each new workload
 * cluster's bot {@code list} ({@code simulator.deny_bot_list}), as Teleport Cloud may.
 */
class TeleportProviderListDeniedContractIT extends TeleportProviderContractIT {

    @Override
    protected boolean botMayList() {
        return false;
    }
}
