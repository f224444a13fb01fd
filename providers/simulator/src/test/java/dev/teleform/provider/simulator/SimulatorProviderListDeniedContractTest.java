package dev.teleform.provider.simulator;

/** The contract again, with {@code simulator.deny_bot_list}: each new workload cluster's bot may not list. */
class SimulatorProviderListDeniedContractTest extends SimulatorProviderContractTest {

    @Override
    protected boolean botMayList() {
        return false;
    }
}
