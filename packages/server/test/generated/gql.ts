/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation AlertsCreate($input: CreateUsageAlertInput!) {\n    createUsageAlert(input: $input) {\n      __typename\n      ... on UsageAlert {\n        id\n        title\n        meter {\n          id\n        }\n        customer {\n          id\n        }\n        threshold\n        recurrence\n        status\n        createdAt\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.AlertsCreateDocument,
    "\n  query AlertsTriggers($alertId: ID, $customerId: ID) {\n    alertTriggers(alertId: $alertId, customerId: $customerId) {\n      id\n      alert {\n        id\n      }\n      customer {\n        id\n      }\n      value\n      triggeredAt\n    }\n  }\n": typeof types.AlertsTriggersDocument,
    "\n  mutation AlertsRecordMany($input: RecordMeterEventsInput!) {\n    recordMeterEvents(input: $input) {\n      __typename\n      ... on RecordMeterEventsSummary {\n        accepted\n        duplicates\n        rejected {\n          index\n          code\n        }\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.AlertsRecordManyDocument,
    "\n  mutation AlertsRecord($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n    }\n  }\n": typeof types.AlertsRecordDocument,
    "\n  query AlertsTriggeredEvents {\n    events(first: 10, type: \"billing.alert.triggered\") {\n      edges {\n        node {\n          type\n          data\n        }\n      }\n    }\n  }\n": typeof types.AlertsTriggeredEventsDocument,
    "\n  mutation AlertsArchive($id: ID!) {\n    archiveUsageAlert(input: { id: $id }) {\n      __typename\n      ... on UsageAlert {\n        id\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.AlertsArchiveDocument,
    "\n  query AlertsIds {\n    usageAlerts(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.AlertsIdsDocument,
    "\n  query AlertsVisible($alertId: ID!, $triggerId: ID!) {\n    usageAlerts(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    usageAlert(id: $alertId) {\n      id\n    }\n    node(id: $triggerId) {\n      id\n    }\n    alertTriggers {\n      id\n    }\n    byAlert: alertTriggers(alertId: $alertId) {\n      id\n    }\n  }\n": typeof types.AlertsVisibleDocument,
    "\n  mutation AlertsArchiveTypename($id: ID!) {\n    archiveUsageAlert(input: { id: $id }) {\n      __typename\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.AlertsArchiveTypenameDocument,
    "\n  query AlertsTriggerNode($id: ID!) {\n    node(id: $id) {\n      id\n      ... on AlertTrigger {\n        value\n      }\n    }\n  }\n": typeof types.AlertsTriggerNodeDocument,
    "\n  query AlpacaJanuarySummaries($m: ID!, $c: ID!) {\n    meterEventSummaries(\n      meterId: $m\n      customerId: $c\n      startTime: \"2026-01-01T00:00:00Z\"\n      endTime: \"2026-02-01T00:00:00Z\"\n    ) {\n      aggregatedValue\n    }\n  }\n": typeof types.AlpacaJanuarySummariesDocument,
    "\n  query AlpacaMeterEventName($id: ID!) {\n    meter(id: $id) {\n      eventName\n    }\n  }\n": typeof types.AlpacaMeterEventNameDocument,
    "\n  mutation AuthCreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      __typename\n      ... on AccountCredentials {\n        account {\n          id\n          name\n        }\n        testSecretKey\n        liveSecretKey\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.AuthCreateAccountDocument,
    "\n  query AuthClock($id: ID!) {\n    testClock(id: $id) {\n      id\n    }\n  }\n": typeof types.AuthClockDocument,
    "\n  query AuthMeterFields {\n    __typename\n    __type(name: \"Meter\") {\n      fields {\n        name\n      }\n    }\n  }\n": typeof types.AuthMeterFieldsDocument,
    "\n  query AuthTypename {\n    __typename\n  }\n": typeof types.AuthTypenameDocument,
    "\n  query AuthAccountNode($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Account {\n        name\n      }\n    }\n  }\n": typeof types.AuthAccountNodeDocument,
    "\n  mutation BillingCycleAdvance($input: AdvanceTestClockInput!) {\n    advanceTestClock(input: $input) {\n      __typename\n      ... on TestClock {\n        frozenTime\n      }\n      ... on Error {\n        code\n      }\n    }\n  }\n": typeof types.BillingCycleAdvanceDocument,
    "\n  query BillingCycleClockTime($id: ID!) {\n    testClock(id: $id) {\n      frozenTime\n    }\n  }\n": typeof types.BillingCycleClockTimeDocument,
    "\n  mutation BillingCycleRecord($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": typeof types.BillingCycleRecordDocument,
    "\n  mutation BillingCycleRecordCode($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ... on Error {\n        code\n      }\n    }\n  }\n": typeof types.BillingCycleRecordCodeDocument,
    "\n  mutation BillingCycleCancelEvent($input: CancelMeterEventInput!) {\n    cancelMeterEvent(input: $input) {\n      __typename\n      ... on Error {\n        code\n      }\n    }\n  }\n": typeof types.BillingCycleCancelEventDocument,
    "\n  query PortalViewer($meterId: ID!) {\n    viewer {\n      customer {\n        name\n      }\n      periodUsage(meterId: $meterId) {\n        usage\n        periodStart\n        periodEnd\n      }\n      upcomingInvoice {\n        amountDue {\n          amount\n          currency\n        }\n        lines {\n          description\n        }\n      }\n      creditBalance {\n        available\n        currency\n      }\n      invoices(first: 10) {\n        edges {\n          node {\n            number\n          }\n        }\n      }\n    }\n  }\n": typeof types.PortalViewerDocument,
    "\n  query PortalUsageByDay($meterId: ID!, $startTime: DateTime!, $endTime: DateTime!) {\n    viewer {\n      usage(meterId: $meterId, startTime: $startTime, endTime: $endTime, groupingWindow: DAY) {\n        startTime\n        aggregatedValue\n      }\n    }\n  }\n": typeof types.PortalUsageByDayDocument,
    "\n  mutation PortalRecordEvent($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n    }\n  }\n": typeof types.PortalRecordEventDocument,
    "\n  mutation PortalRevokeSessions($input: RevokeCustomerSessionsInput!) {\n    revokeCustomerSessions(input: $input) {\n      __typename\n    }\n  }\n": typeof types.PortalRevokeSessionsDocument,
    "\n  query CreditNotesList($invoiceId: ID, $customerId: ID) {\n    creditNotes(first: 100, invoiceId: $invoiceId, customerId: $customerId) {\n      edges {\n        node {\n          id\n          number\n        }\n      }\n    }\n  }\n": typeof types.CreditNotesListDocument,
    "\n  query CreditNotesOne($id: ID!) {\n    creditNote(id: $id) {\n      id\n      number\n      status\n    }\n  }\n": typeof types.CreditNotesOneDocument,
    "\n  query CreditNotesEvents {\n    events(first: 100, type: \"credit_note.created\") {\n      edges {\n        node {\n          data\n        }\n      }\n    }\n  }\n": typeof types.CreditNotesEventsDocument,
    "\n  query CreditsGrantsPage($c: ID, $after: String) {\n    creditGrants(first: 1, after: $after, customerId: $c) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.CreditsGrantsPageDocument,
    "\n  query CreditsLedgerPage($c: ID, $after: String) {\n    creditBalanceTransactions(first: 1, after: $after, customerId: $c) {\n      edges {\n        node {\n          grant {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.CreditsLedgerPageDocument,
    "\n  query CreditsNode($id: ID!) {\n    node(id: $id) {\n      id\n    }\n  }\n": typeof types.CreditsNodeDocument,
    "\n  query CreditsGrantNode($id: ID!) {\n    node(id: $id) {\n      id\n      ... on CreditGrant {\n        remaining {\n          amount\n        }\n      }\n    }\n  }\n": typeof types.CreditsGrantNodeDocument,
    "\n  mutation CustomerChangesUpdate($input: UpdateCustomerInput!) {\n    updateCustomer(input: $input) {\n      __typename\n      ... on Customer {\n        id\n        name\n        email\n        metadata\n        deleted\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.CustomerChangesUpdateDocument,
    "\n  mutation CustomerChangesDelete($input: CustomerIdInput!) {\n    deleteCustomer(input: $input) {\n      __typename\n      ... on Customer {\n        id\n        name\n        deleted\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.CustomerChangesDeleteDocument,
    "\n  query CustomerChangesRead($id: ID!) {\n    customer(id: $id) {\n      id\n      deleted\n    }\n    customers(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.CustomerChangesReadDocument,
    "\n  query SessionsViewer($meterId: ID!, $startTime: DateTime!, $endTime: DateTime!) {\n    viewer {\n      customer {\n        id\n        name\n        email\n      }\n      session {\n        scopes\n        meterIds\n        expiresAt\n      }\n      meters {\n        id\n      }\n      usage(meterId: $meterId, startTime: $startTime, endTime: $endTime) {\n        aggregatedValue\n      }\n    }\n  }\n": typeof types.SessionsViewerDocument,
    "\n  query SessionsViewerBilling {\n    viewer {\n      upcomingInvoice {\n        total {\n          amount\n          currency\n        }\n      }\n      invoices(first: 10) {\n        edges {\n          node {\n            id\n          }\n        }\n      }\n      creditBalance {\n        currency\n        available\n      }\n      alerts {\n        id\n      }\n    }\n  }\n": typeof types.SessionsViewerBillingDocument,
    "\n  query SessionsViewerCustomer {\n    viewer {\n      customer {\n        id\n      }\n    }\n  }\n": typeof types.SessionsViewerCustomerDocument,
    "\n  query SessionsPreviewTotal($subscriptionId: ID!) {\n    previewInvoice(subscriptionId: $subscriptionId) {\n      total {\n        amount\n      }\n    }\n  }\n": typeof types.SessionsPreviewTotalDocument,
    "\n  mutation SessionsRevoke($input: RevokeCustomerSessionsInput!) {\n    revokeCustomerSessions(input: $input) {\n      __typename\n      ... on RevokedCustomerSessions {\n        revokedCount\n      }\n      ... on Error {\n        code\n      }\n    }\n  }\n": typeof types.SessionsRevokeDocument,
    "\n  mutation CustomersCreate($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      __typename\n      ... on Customer {\n        id\n        name\n        email\n        metadata\n        testClock {\n          id\n          frozenTime\n        }\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.CustomersCreateDocument,
    "\n  query CustomersRead($id: ID!) {\n    customer(id: $id) {\n      id\n      name\n    }\n    node(id: $id) {\n      id\n    }\n  }\n": typeof types.CustomersReadDocument,
    "\n  query CustomersPage($after: String) {\n    customers(first: 2, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.CustomersPageDocument,
    "\n  query CustomersVisible($id: ID!) {\n    customer(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    customers(first: 50) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.CustomersVisibleDocument,
    "\n  query EventsList($type: String, $first: Int, $after: String) {\n    events(type: $type, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          type\n          data\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.EventsListDocument,
    "\n  query EventsOne($id: ID!) {\n    event(id: $id) {\n      id\n      type\n      data\n    }\n    node(id: $id) {\n      id\n      ... on Event {\n        type\n      }\n    }\n  }\n": typeof types.EventsOneDocument,
    "\n  query EventsOneId($id: ID!) {\n    event(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n  }\n": typeof types.EventsOneIdDocument,
    "\n  mutation EventsDeactivateMeter($id: ID!) {\n    deactivateMeter(input: { id: $id }) {\n      __typename\n    }\n  }\n": typeof types.EventsDeactivateMeterDocument,
    "\n  mutation EventsReactivateMeter($id: ID!) {\n    reactivateMeter(input: { id: $id }) {\n      __typename\n    }\n  }\n": typeof types.EventsReactivateMeterDocument,
    "\n  query EventsMeterEventName($id: ID!) {\n    meter(id: $id) {\n      eventName\n    }\n  }\n": typeof types.EventsMeterEventNameDocument,
    "\n  mutation IngestCachesRecord($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ... on MeterEvent {\n        identifier\n        timestamp\n        meter {\n          id\n          displayName\n          status\n        }\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.IngestCachesRecordDocument,
    "\n  mutation IngestCachesRecordMany($input: RecordMeterEventsInput!) {\n    recordMeterEvents(input: $input) {\n      __typename\n      ... on RecordMeterEventsSummary {\n        accepted\n        duplicates\n        rejected {\n          index\n          code\n          message\n        }\n      }\n    }\n  }\n": typeof types.IngestCachesRecordManyDocument,
    "\n  mutation IngestCachesDeactivateMeter($id: ID!) {\n    deactivateMeter(input: { id: $id }) {\n      __typename\n    }\n  }\n": typeof types.IngestCachesDeactivateMeterDocument,
    "\n  mutation IngestCachesReactivateMeter($id: ID!) {\n    reactivateMeter(input: { id: $id }) {\n      __typename\n    }\n  }\n": typeof types.IngestCachesReactivateMeterDocument,
    "\n  mutation IngestCachesRenameMeter($input: UpdateMeterInput!) {\n    updateMeter(input: $input) {\n      __typename\n    }\n  }\n": typeof types.IngestCachesRenameMeterDocument,
    "\n  query LifecycleEvents($type: String) {\n    events(first: 100, type: $type) {\n      edges {\n        node {\n          type\n          data\n        }\n      }\n    }\n  }\n": typeof types.LifecycleEventsDocument,
    "\n  mutation LifecycleRecord($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ... on Error {\n        code\n      }\n    }\n  }\n": typeof types.LifecycleRecordDocument,
    "\n  mutation LifecycleUpdateCustomer($input: UpdateCustomerInput!) {\n    updateCustomer(input: $input) {\n      __typename\n      ... on Customer {\n        invoiceDaysUntilDue\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": typeof types.LifecycleUpdateCustomerDocument,
    "\n  query InvoicesList($c: ID, $s: ID, $st: InvoiceStatus, $first: Int, $after: String) {\n    invoices(customerId: $c, subscriptionId: $s, status: $st, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          number\n          createdAt\n          subscription {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.InvoicesListDocument,
    "\n  query InvoicesOne($id: ID!) {\n    invoice(id: $id) {\n      ...BillingInvoice\n    }\n    node(id: $id) {\n      __typename\n      id\n      ... on Invoice {\n        number\n      }\n    }\n  }\n": typeof types.InvoicesOneDocument,
    "\n  query InvoicesId($id: ID!) {\n    invoice(id: $id) {\n      id\n    }\n  }\n": typeof types.InvoicesIdDocument,
    "\n  query InvoicesOfCustomer($id: ID!) {\n    customer(id: $id) {\n      invoices(first: 2) {\n        edges {\n          node {\n            id\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n": typeof types.InvoicesOfCustomerDocument,
    "\n  query InvoicesVisible($id: ID!, $c: ID!, $s: ID!) {\n    invoice(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    all: invoices {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    byCustomer: invoices(customerId: $c) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    bySub: invoices(subscriptionId: $s) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.InvoicesVisibleDocument,
    "\n  mutation LiveUsageRevoke($input: RevokeCustomerSessionsInput!) {\n    revokeCustomerSessions(input: $input) {\n      __typename\n    }\n  }\n": typeof types.LiveUsageRevokeDocument,
    "\n  mutation MeterEventsDeactivateMeter($id: ID!) {\n    deactivateMeter(input: { id: $id }) {\n      __typename\n    }\n  }\n": typeof types.MeterEventsDeactivateMeterDocument,
    "\n  mutation MetersUpdate($input: UpdateMeterInput!) {\n    updateMeter(input: $input) {\n      __typename\n      ... on Meter {\n        id\n        displayName\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.MetersUpdateDocument,
    "\n  mutation MetersDeactivate($input: MeterIdInput!) {\n    deactivateMeter(input: $input) {\n      __typename\n      ... on Meter {\n        id\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.MetersDeactivateDocument,
    "\n  mutation MetersReactivate($input: MeterIdInput!) {\n    reactivateMeter(input: $input) {\n      __typename\n      ... on Meter {\n        id\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.MetersReactivateDocument,
    "\n  query MetersRead($id: ID!) {\n    meter(id: $id) {\n      id\n      eventName\n    }\n    node(id: $id) {\n      ... on Meter {\n        id\n      }\n    }\n  }\n": typeof types.MetersReadDocument,
    "\n  query MetersPage($after: String, $status: MeterStatus) {\n    meters(first: 2, after: $after, status: $status) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.MetersPageDocument,
    "\n  query MetersVisible($id: ID!) {\n    meter(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    meters(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.MetersVisibleDocument,
    "\n  query MetersState($id: ID!) {\n    meter(id: $id) {\n      displayName\n      status\n    }\n  }\n": typeof types.MetersStateDocument,
    "\n  mutation PricesCreate($input: CreatePriceInput!) {\n    createPrice(input: $input) {\n      __typename\n      ...CatalogPrice\n      ...CatalogError\n    }\n  }\n": typeof types.PricesCreateDocument,
    "\n  query PricesRead($id: ID!) {\n    price(id: $id) {\n      ...CatalogPrice\n    }\n    node(id: $id) {\n      id\n      ... on Price {\n        currency\n      }\n    }\n  }\n": typeof types.PricesReadDocument,
    "\n  mutation PricesSetMeterStatus($id: ID!, $active: Boolean!) {\n    deactivateMeter(input: { id: $id }) @skip(if: $active) {\n      ... on Meter {\n        status\n      }\n    }\n    reactivateMeter(input: { id: $id }) @include(if: $active) {\n      ... on Meter {\n        status\n      }\n    }\n  }\n": typeof types.PricesSetMeterStatusDocument,
    "\n  query PricesList($after: String, $productId: ID, $active: Boolean) {\n    prices(first: 4, after: $after, productId: $productId, active: $active) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.PricesListDocument,
    "\n  query PricesUnderProduct($p: ID!) {\n    product(id: $p) {\n      prices(first: 10) {\n        edges {\n          node {\n            id\n            product {\n              id\n            }\n          }\n        }\n      }\n      active: prices(first: 10, active: true) {\n        edges {\n          node {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.PricesUnderProductDocument,
    "\n  query PricesIsolation($id: ID!, $p: ID!) {\n    price(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    prices(first: 50) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    byProduct: prices(first: 50, productId: $p) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.PricesIsolationDocument,
    "\n  mutation ProductsCreate($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      __typename\n      ... on Product {\n        id\n        name\n        description\n        active\n        createdAt\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.ProductsCreateDocument,
    "\n  mutation ProductsUpdate($input: UpdateProductInput!) {\n    updateProduct(input: $input) {\n      __typename\n      ... on Product {\n        id\n        name\n        description\n        active\n        createdAt\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.ProductsUpdateDocument,
    "\n  query ProductsRead($id: ID!) {\n    product(id: $id) {\n      id\n      name\n      description\n      active\n      createdAt\n    }\n    node(id: $id) {\n      id\n      ... on Product {\n        name\n      }\n    }\n  }\n": typeof types.ProductsReadDocument,
    "\n  query ProductsState($id: ID!) {\n    product(id: $id) {\n      name\n      description\n      active\n    }\n  }\n": typeof types.ProductsStateDocument,
    "\n  query ProductsNameActive($id: ID!) {\n    product(id: $id) {\n      name\n      active\n    }\n  }\n": typeof types.ProductsNameActiveDocument,
    "\n  query ProductsName($id: ID!) {\n    product(id: $id) {\n      name\n    }\n  }\n": typeof types.ProductsNameDocument,
    "\n  query ProductsPage($after: String) {\n    products(first: 2, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ProductsPageDocument,
    "\n  query ProductsList($active: Boolean) {\n    products(first: 10, active: $active) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.ProductsListDocument,
    "\n  query ProductsVisible($id: ID!) {\n    product(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    products(first: 50) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.ProductsVisibleDocument,
    "\n  mutation IsolationCreateAlert($input: CreateUsageAlertInput!) {\n    createUsageAlert(input: $input) {\n      __typename\n      ... on UsageAlert {\n        id\n      }\n    }\n  }\n": typeof types.IsolationCreateAlertDocument,
    "\n  query SubscriptionChangesPreview($id: ID!, $changes: SubscriptionChangesInput) {\n    previewInvoice(subscriptionId: $id, subscriptionChanges: $changes) {\n      ...BillingPreview\n    }\n  }\n": typeof types.SubscriptionChangesPreviewDocument,
    "\n  query SubscriptionsList($c: ID, $s: SubscriptionStatus, $first: Int, $after: String) {\n    subscriptions(customerId: $c, status: $s, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          status\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.SubscriptionsListDocument,
    "\n  query SubscriptionsPage($c: ID, $first: Int, $after: String, $last: Int, $before: String) {\n    subscriptions(customerId: $c, first: $first, after: $after, last: $last, before: $before) {\n      edges {\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": typeof types.SubscriptionsPageDocument,
    "\n  query SubscriptionsNodes($s: ID!, $i: ID!) {\n    s: node(id: $s) {\n      __typename\n      id\n      ... on Subscription {\n        status\n      }\n    }\n    i: node(id: $i) {\n      __typename\n      id\n      ... on SubscriptionItem {\n        quantity\n        price {\n          id\n        }\n      }\n    }\n  }\n": typeof types.SubscriptionsNodesDocument,
    "\n  query SubscriptionsViaCustomer($id: ID!) {\n    customer(id: $id) {\n      subscriptions(first: 10) {\n        edges {\n          node {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.SubscriptionsViaCustomerDocument,
    "\n  query SubscriptionsIsolation($id: ID!, $item: ID!, $c: ID!) {\n    subscription(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    item: node(id: $item) {\n      id\n    }\n    subscriptions(customerId: $c) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    all: subscriptions {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    previewInvoice(subscriptionId: $id) {\n      total {\n        amount\n      }\n    }\n  }\n": typeof types.SubscriptionsIsolationDocument,
    "\n  fragment BillingLine on InvoiceLine {\n    kind\n    description\n    price {\n      id\n    }\n    tier\n    quantity\n    unitAmount\n    amount {\n      amount\n      currency\n    }\n    periodStart\n    periodEnd\n  }\n": typeof types.BillingLineFragmentDoc,
    "\n  fragment BillingInvoice on Invoice {\n    id\n    number\n    status\n    billingReason\n    currency\n    periodStart\n    periodEnd\n    createdAt\n    finalizedAt\n    customer {\n      id\n    }\n    subscription {\n      id\n    }\n    lines {\n      ...BillingLine\n    }\n    subtotal {\n      amount\n      currency\n    }\n    creditsApplied {\n      amount\n      currency\n    }\n    total {\n      amount\n      currency\n    }\n    amountDue {\n      amount\n      currency\n    }\n  }\n": typeof types.BillingInvoiceFragmentDoc,
    "\n  fragment BillingPreview on InvoicePreview {\n    customer {\n      id\n    }\n    subscription {\n      id\n    }\n    currency\n    periodStart\n    periodEnd\n    lines {\n      ...BillingLine\n    }\n    subtotal {\n      amount\n      currency\n    }\n    creditsApplied {\n      amount\n      currency\n    }\n    total {\n      amount\n      currency\n    }\n    amountDue {\n      amount\n      currency\n    }\n  }\n": typeof types.BillingPreviewFragmentDoc,
    "\n  mutation BillingCancelSubscription($input: CancelSubscriptionInput!) {\n    cancelSubscription(input: $input) {\n      __typename\n      ...CatalogSubscription\n      ...CatalogError\n    }\n  }\n": typeof types.BillingCancelSubscriptionDocument,
    "\n  mutation BillingUpdateSubscription($input: UpdateSubscriptionInput!) {\n    updateSubscription(input: $input) {\n      __typename\n      ...CatalogSubscription\n      ...CatalogError\n    }\n  }\n": typeof types.BillingUpdateSubscriptionDocument,
    "\n  mutation BillingRecordMeterEvent($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ... on MeterEvent {\n        identifier\n        value\n        timestamp\n      }\n      ...CatalogError\n    }\n  }\n": typeof types.BillingRecordMeterEventDocument,
    "\n  query BillingPreviewInvoice($id: ID!) {\n    previewInvoice(subscriptionId: $id) {\n      ...BillingPreview\n    }\n  }\n": typeof types.BillingPreviewInvoiceDocument,
    "\n  query BillingSubscription($id: ID!) {\n    subscription(id: $id) {\n      ...CatalogSubscription\n    }\n  }\n": typeof types.BillingSubscriptionDocument,
    "\n  query BillingInvoices($customerId: ID, $subscriptionId: ID, $status: InvoiceStatus) {\n    invoices(first: 100, customerId: $customerId, subscriptionId: $subscriptionId, status: $status) {\n      edges {\n        node {\n          ...BillingInvoice\n        }\n      }\n    }\n  }\n": typeof types.BillingInvoicesDocument,
    "\n  fragment CatalogError on Error {\n    code\n    message\n    field\n  }\n": typeof types.CatalogErrorFragmentDoc,
    "\n  fragment CatalogMeter on Meter {\n    id\n    displayName\n    eventName\n    aggregation\n    customerPayloadKey\n    valuePayloadKey\n    status\n    createdAt\n  }\n": typeof types.CatalogMeterFragmentDoc,
    "\n  fragment CatalogProduct on Product {\n    id\n    name\n    description\n    active\n    createdAt\n  }\n": typeof types.CatalogProductFragmentDoc,
    "\n  fragment CatalogPrice on Price {\n    id\n    currency\n    nickname\n    lookupKey\n    active\n    billingScheme\n    unitAmount\n    tiersMode\n    createdAt\n    product {\n      id\n      name\n    }\n    recurring {\n      interval\n      intervalCount\n      usageType\n      meter {\n        id\n        eventName\n      }\n    }\n    tiers {\n      upTo\n      unitAmount\n      flatAmount\n    }\n    transformQuantity {\n      divideBy\n      round\n    }\n  }\n": typeof types.CatalogPriceFragmentDoc,
    "\n  fragment CatalogSubscription on Subscription {\n    id\n    status\n    billingMode\n    currency\n    startDate\n    billingCycleAnchor\n    currentPeriodStart\n    currentPeriodEnd\n    cancelAtPeriodEnd\n    canceledAt\n    trialStart\n    trialEnd\n    createdAt\n    customer {\n      id\n    }\n    items {\n      id\n      quantity\n      price {\n        id\n      }\n    }\n  }\n": typeof types.CatalogSubscriptionFragmentDoc,
    "\n  fragment CatalogCreditGrant on CreditGrant {\n    id\n    customer {\n      id\n    }\n    name\n    amount {\n      amount\n      currency\n    }\n    remaining {\n      amount\n      currency\n    }\n    category\n    priority\n    priceIds\n    effectiveAt\n    expiresAt\n    expiredAt\n    voidedAt\n    createdAt\n  }\n": typeof types.CatalogCreditGrantFragmentDoc,
    "\n  mutation CatalogCreateMeter($input: CreateMeterInput!) {\n    createMeter(input: $input) {\n      __typename\n      ...CatalogMeter\n      ...CatalogError\n    }\n  }\n": typeof types.CatalogCreateMeterDocument,
    "\n  mutation CatalogCreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      __typename\n      ...CatalogProduct\n      ...CatalogError\n    }\n  }\n": typeof types.CatalogCreateProductDocument,
    "\n  mutation CatalogCreatePrice($input: CreatePriceInput!) {\n    createPrice(input: $input) {\n      __typename\n      ...CatalogPrice\n      ...CatalogError\n    }\n  }\n": typeof types.CatalogCreatePriceDocument,
    "\n  mutation CatalogUpdatePrice($input: UpdatePriceInput!) {\n    updatePrice(input: $input) {\n      __typename\n      ...CatalogPrice\n      ...CatalogError\n    }\n  }\n": typeof types.CatalogUpdatePriceDocument,
    "\n  mutation CatalogCreateCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      __typename\n      ... on Customer {\n        id\n        name\n        email\n        metadata\n        createdAt\n      }\n      ...CatalogError\n    }\n  }\n": typeof types.CatalogCreateCustomerDocument,
    "\n  mutation CatalogCreateTestClock($input: CreateTestClockInput!) {\n    createTestClock(input: $input) {\n      __typename\n      ... on TestClock {\n        id\n        frozenTime\n      }\n      ...CatalogError\n    }\n  }\n": typeof types.CatalogCreateTestClockDocument,
    "\n  mutation CatalogAdvanceTestClock($input: AdvanceTestClockInput!) {\n    advanceTestClock(input: $input) {\n      __typename\n      ... on TestClock {\n        id\n        frozenTime\n      }\n      ...CatalogError\n    }\n  }\n": typeof types.CatalogAdvanceTestClockDocument,
    "\n  mutation CatalogCreateSubscription($input: CreateSubscriptionInput!) {\n    createSubscription(input: $input) {\n      __typename\n      ...CatalogSubscription\n      ...CatalogError\n    }\n  }\n": typeof types.CatalogCreateSubscriptionDocument,
    "\n  mutation CatalogCreateCreditGrant($input: CreateCreditGrantInput!) {\n    createCreditGrant(input: $input) {\n      __typename\n      ...CatalogCreditGrant\n      ...CatalogError\n    }\n  }\n": typeof types.CatalogCreateCreditGrantDocument,
    "\n  query LifecycleInvoiceState($id: ID!) {\n    invoice(id: $id) {\n      id\n      number\n      status\n      amountDue { amount }\n      amountPaid { amount }\n      amountRemaining { amount }\n      startingBalance { amount }\n      endingBalance { amount }\n      prePaymentCreditNotesAmount { amount }\n      postPaymentCreditNotesAmount { amount }\n      paidOutOfBand\n      dueDate\n      createdAt\n      paidAt\n      voidedAt\n      markedUncollectibleAt\n      lines { id amount { amount } }\n      creditNotes { id number amount { amount } }\n    }\n  }\n": typeof types.LifecycleInvoiceStateDocument,
    "\n  mutation LifecyclePay($input: PayInvoiceInput!) {\n    payInvoice(input: $input) {\n      __typename\n      ... on Invoice { id status }\n      ... on Error { code message field }\n    }\n  }\n": typeof types.LifecyclePayDocument,
    "\n  mutation LifecycleVoid($input: VoidInvoiceInput!) {\n    voidInvoice(input: $input) {\n      __typename\n      ... on Invoice { id status }\n      ... on Error { code message field }\n    }\n  }\n": typeof types.LifecycleVoidDocument,
    "\n  mutation LifecycleUncollectible($input: MarkInvoiceUncollectibleInput!) {\n    markInvoiceUncollectible(input: $input) {\n      __typename\n      ... on Invoice { id status }\n      ... on Error { code message field }\n    }\n  }\n": typeof types.LifecycleUncollectibleDocument,
    "\n  mutation LifecycleCreateCreditNote($input: CreateCreditNoteInput!) {\n    createCreditNote(input: $input) {\n      __typename\n      ... on CreditNote {\n        id\n        number\n        type\n        status\n        reason\n        memo\n        amount { amount currency }\n        creditAmount { amount }\n        outOfBandAmount { amount }\n        invoice { id }\n        customer { id }\n        lines { invoiceLineId description quantity unitAmount amount { amount } }\n      }\n      ... on Error { code message field }\n    }\n  }\n": typeof types.LifecycleCreateCreditNoteDocument,
    "\n  mutation LifecycleVoidCreditNote($input: VoidCreditNoteInput!) {\n    voidCreditNote(input: $input) {\n      __typename\n      ... on CreditNote { id status voidedAt }\n      ... on Error { code message field }\n    }\n  }\n": typeof types.LifecycleVoidCreditNoteDocument,
    "\n  query LifecycleBalance($id: ID!) {\n    customer(id: $id) {\n      balances { amount currency }\n    }\n    customerBalanceTransactions(first: 100, customerId: $id) {\n      edges {\n        node {\n          type\n          amount { amount }\n          endingBalance { amount }\n          invoice { id }\n          creditNote { id }\n          description\n        }\n      }\n    }\n  }\n": typeof types.LifecycleBalanceDocument,
    "\n  mutation LifecycleAdjustBalance($input: CreateCustomerBalanceTransactionInput!) {\n    createCustomerBalanceTransaction(input: $input) {\n      __typename\n      ... on CustomerBalanceTransaction { id type amount { amount currency } endingBalance { amount } }\n      ... on Error { code message field }\n    }\n  }\n": typeof types.LifecycleAdjustBalanceDocument,
    "\n  fragment TestMeterEvent on MeterEvent {\n    identifier\n    eventName\n    value\n    timestamp\n    payload\n    createdAt\n    canceledAt\n    customer {\n      id\n    }\n  }\n": typeof types.TestMeterEventFragmentDoc,
    "\n  mutation TestRecordMeterEvent($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ...TestMeterEvent\n      ... on MeterEventError {\n        existingEvent {\n          ...TestMeterEvent\n        }\n      }\n      ...CatalogError\n    }\n  }\n": typeof types.TestRecordMeterEventDocument,
    "\n  mutation TestRecordMeterEvents($input: RecordMeterEventsInput!) {\n    recordMeterEvents(input: $input) {\n      __typename\n      ... on RecordMeterEventsSummary {\n        accepted\n        duplicates\n        rejected {\n          index\n          code\n          message\n        }\n      }\n      ...CatalogError\n    }\n  }\n": typeof types.TestRecordMeterEventsDocument,
    "\n  mutation TestCancelMeterEvent($input: CancelMeterEventInput!) {\n    cancelMeterEvent(input: $input) {\n      __typename\n      ...TestMeterEvent\n      ...CatalogError\n    }\n  }\n": typeof types.TestCancelMeterEventDocument,
    "\n  query TestMeterEventSummaries(\n    $meterId: ID!\n    $customerId: ID!\n    $startTime: DateTime!\n    $endTime: DateTime!\n    $groupingWindow: UsageWindow\n  ) {\n    meterEventSummaries(\n      meterId: $meterId\n      customerId: $customerId\n      startTime: $startTime\n      endTime: $endTime\n      groupingWindow: $groupingWindow\n    ) {\n      startTime\n      endTime\n      aggregatedValue\n    }\n  }\n": typeof types.TestMeterEventSummariesDocument,
    "\n  mutation SupportCreateCustomerSession($input: CreateCustomerSessionInput!) {\n    createCustomerSession(input: $input) {\n      __typename\n      ... on CustomerSession {\n        id\n        token\n        customerId\n        scopes\n        meterIds\n        expiresAt\n        createdAt\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.SupportCreateCustomerSessionDocument,
    "\n  query TenancyRead($id: ID!) {\n    testClock(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n  }\n": typeof types.TenancyReadDocument,
    "\n  query TenancyNode($id: ID!) {\n    node(id: $id) {\n      id\n    }\n  }\n": typeof types.TenancyNodeDocument,
    "\n  mutation TenancyAdvance($id: ID!) {\n    advanceTestClock(input: { id: $id, frozenTime: \"2027-01-01T00:00:00Z\" }) {\n      __typename\n      ... on Error {\n        code\n      }\n    }\n  }\n": typeof types.TenancyAdvanceDocument,
    "\n  mutation TestClocksCreate($input: CreateTestClockInput!) {\n    createTestClock(input: $input) {\n      __typename\n      ... on TestClock {\n        id\n        name\n        frozenTime\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.TestClocksCreateDocument,
    "\n  mutation TestClocksAdvance($input: AdvanceTestClockInput!) {\n    advanceTestClock(input: $input) {\n      __typename\n      ... on TestClock {\n        id\n        frozenTime\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.TestClocksAdvanceDocument,
    "\n  query TestClocksFrozenTime($id: ID!) {\n    testClock(id: $id) {\n      frozenTime\n    }\n  }\n": typeof types.TestClocksFrozenTimeDocument,
    "\n  query TestClocksId($id: ID!) {\n    testClock(id: $id) {\n      id\n    }\n  }\n": typeof types.TestClocksIdDocument,
    "\n  query TestClocksList {\n    testClocks(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.TestClocksListDocument,
    "\n  mutation TestClocksDelete($input: TestClockIdInput!) {\n    deleteTestClock(input: $input) {\n      __typename\n      ... on DeletedTestClock {\n        id\n        deleted\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.TestClocksDeleteDocument,
    "\n  fragment WebhooksEndpoint on WebhookEndpoint {\n    id\n    url\n    description\n    enabledEvents\n    status\n    createdAt\n  }\n": typeof types.WebhooksEndpointFragmentDoc,
    "\n  mutation WebhooksCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      __typename\n      ... on WebhookEndpointWithSecret {\n        secret\n        endpoint {\n          ...WebhooksEndpoint\n        }\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.WebhooksCreateEndpointDocument,
    "\n  mutation WebhooksUpdateEndpoint($input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(input: $input) {\n      __typename\n      ...WebhooksEndpoint\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.WebhooksUpdateEndpointDocument,
    "\n  mutation WebhooksDeleteEndpoint($id: ID!) {\n    deleteWebhookEndpoint(input: { id: $id }) {\n      __typename\n      ... on DeletedWebhookEndpoint {\n        id\n        deleted\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": typeof types.WebhooksDeleteEndpointDocument,
    "\n  query WebhooksDeliveries($id: ID!) {\n    webhookDeliveries(endpointId: $id, first: 100) {\n      edges {\n        node {\n          id\n          status\n          attempts\n          nextAttemptAt\n          lastAttemptAt\n          lastResponseStatus\n          lastError\n          deliveredAt\n          event {\n            id\n            type\n          }\n        }\n      }\n    }\n  }\n": typeof types.WebhooksDeliveriesDocument,
    "\n  query WebhooksEndpoints {\n    webhookEndpoints(first: 100) {\n      edges {\n        node {\n          ...WebhooksEndpoint\n        }\n      }\n    }\n  }\n": typeof types.WebhooksEndpointsDocument,
    "\n  query WebhooksDeleted($id: ID!) {\n    webhookEndpoint(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    webhookEndpoints(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.WebhooksDeletedDocument,
    "\n  query WebhooksLastMeterCreated {\n    events(first: 1, type: \"billing.meter.created\") {\n      edges {\n        node {\n          id\n          type\n          data\n          createdAt\n        }\n      }\n    }\n  }\n": typeof types.WebhooksLastMeterCreatedDocument,
    "\n  mutation WebhooksCreateAlert($input: CreateUsageAlertInput!) {\n    createUsageAlert(input: $input) {\n      __typename\n      ... on UsageAlert {\n        id\n      }\n    }\n  }\n": typeof types.WebhooksCreateAlertDocument,
    "\n  mutation WebhooksRecordMany($input: RecordMeterEventsInput!) {\n    recordMeterEvents(input: $input) {\n      ... on RecordMeterEventsSummary {\n        accepted\n      }\n    }\n  }\n": typeof types.WebhooksRecordManyDocument,
    "\n  query WebhooksVisible($id: ID!) {\n    webhookEndpoint(id: $id) {\n      id\n    }\n    webhookEndpoints(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.WebhooksVisibleDocument,
};
const documents: Documents = {
    "\n  mutation AlertsCreate($input: CreateUsageAlertInput!) {\n    createUsageAlert(input: $input) {\n      __typename\n      ... on UsageAlert {\n        id\n        title\n        meter {\n          id\n        }\n        customer {\n          id\n        }\n        threshold\n        recurrence\n        status\n        createdAt\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.AlertsCreateDocument,
    "\n  query AlertsTriggers($alertId: ID, $customerId: ID) {\n    alertTriggers(alertId: $alertId, customerId: $customerId) {\n      id\n      alert {\n        id\n      }\n      customer {\n        id\n      }\n      value\n      triggeredAt\n    }\n  }\n": types.AlertsTriggersDocument,
    "\n  mutation AlertsRecordMany($input: RecordMeterEventsInput!) {\n    recordMeterEvents(input: $input) {\n      __typename\n      ... on RecordMeterEventsSummary {\n        accepted\n        duplicates\n        rejected {\n          index\n          code\n        }\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.AlertsRecordManyDocument,
    "\n  mutation AlertsRecord($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n    }\n  }\n": types.AlertsRecordDocument,
    "\n  query AlertsTriggeredEvents {\n    events(first: 10, type: \"billing.alert.triggered\") {\n      edges {\n        node {\n          type\n          data\n        }\n      }\n    }\n  }\n": types.AlertsTriggeredEventsDocument,
    "\n  mutation AlertsArchive($id: ID!) {\n    archiveUsageAlert(input: { id: $id }) {\n      __typename\n      ... on UsageAlert {\n        id\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.AlertsArchiveDocument,
    "\n  query AlertsIds {\n    usageAlerts(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.AlertsIdsDocument,
    "\n  query AlertsVisible($alertId: ID!, $triggerId: ID!) {\n    usageAlerts(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    usageAlert(id: $alertId) {\n      id\n    }\n    node(id: $triggerId) {\n      id\n    }\n    alertTriggers {\n      id\n    }\n    byAlert: alertTriggers(alertId: $alertId) {\n      id\n    }\n  }\n": types.AlertsVisibleDocument,
    "\n  mutation AlertsArchiveTypename($id: ID!) {\n    archiveUsageAlert(input: { id: $id }) {\n      __typename\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.AlertsArchiveTypenameDocument,
    "\n  query AlertsTriggerNode($id: ID!) {\n    node(id: $id) {\n      id\n      ... on AlertTrigger {\n        value\n      }\n    }\n  }\n": types.AlertsTriggerNodeDocument,
    "\n  query AlpacaJanuarySummaries($m: ID!, $c: ID!) {\n    meterEventSummaries(\n      meterId: $m\n      customerId: $c\n      startTime: \"2026-01-01T00:00:00Z\"\n      endTime: \"2026-02-01T00:00:00Z\"\n    ) {\n      aggregatedValue\n    }\n  }\n": types.AlpacaJanuarySummariesDocument,
    "\n  query AlpacaMeterEventName($id: ID!) {\n    meter(id: $id) {\n      eventName\n    }\n  }\n": types.AlpacaMeterEventNameDocument,
    "\n  mutation AuthCreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      __typename\n      ... on AccountCredentials {\n        account {\n          id\n          name\n        }\n        testSecretKey\n        liveSecretKey\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.AuthCreateAccountDocument,
    "\n  query AuthClock($id: ID!) {\n    testClock(id: $id) {\n      id\n    }\n  }\n": types.AuthClockDocument,
    "\n  query AuthMeterFields {\n    __typename\n    __type(name: \"Meter\") {\n      fields {\n        name\n      }\n    }\n  }\n": types.AuthMeterFieldsDocument,
    "\n  query AuthTypename {\n    __typename\n  }\n": types.AuthTypenameDocument,
    "\n  query AuthAccountNode($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Account {\n        name\n      }\n    }\n  }\n": types.AuthAccountNodeDocument,
    "\n  mutation BillingCycleAdvance($input: AdvanceTestClockInput!) {\n    advanceTestClock(input: $input) {\n      __typename\n      ... on TestClock {\n        frozenTime\n      }\n      ... on Error {\n        code\n      }\n    }\n  }\n": types.BillingCycleAdvanceDocument,
    "\n  query BillingCycleClockTime($id: ID!) {\n    testClock(id: $id) {\n      frozenTime\n    }\n  }\n": types.BillingCycleClockTimeDocument,
    "\n  mutation BillingCycleRecord($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": types.BillingCycleRecordDocument,
    "\n  mutation BillingCycleRecordCode($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ... on Error {\n        code\n      }\n    }\n  }\n": types.BillingCycleRecordCodeDocument,
    "\n  mutation BillingCycleCancelEvent($input: CancelMeterEventInput!) {\n    cancelMeterEvent(input: $input) {\n      __typename\n      ... on Error {\n        code\n      }\n    }\n  }\n": types.BillingCycleCancelEventDocument,
    "\n  query PortalViewer($meterId: ID!) {\n    viewer {\n      customer {\n        name\n      }\n      periodUsage(meterId: $meterId) {\n        usage\n        periodStart\n        periodEnd\n      }\n      upcomingInvoice {\n        amountDue {\n          amount\n          currency\n        }\n        lines {\n          description\n        }\n      }\n      creditBalance {\n        available\n        currency\n      }\n      invoices(first: 10) {\n        edges {\n          node {\n            number\n          }\n        }\n      }\n    }\n  }\n": types.PortalViewerDocument,
    "\n  query PortalUsageByDay($meterId: ID!, $startTime: DateTime!, $endTime: DateTime!) {\n    viewer {\n      usage(meterId: $meterId, startTime: $startTime, endTime: $endTime, groupingWindow: DAY) {\n        startTime\n        aggregatedValue\n      }\n    }\n  }\n": types.PortalUsageByDayDocument,
    "\n  mutation PortalRecordEvent($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n    }\n  }\n": types.PortalRecordEventDocument,
    "\n  mutation PortalRevokeSessions($input: RevokeCustomerSessionsInput!) {\n    revokeCustomerSessions(input: $input) {\n      __typename\n    }\n  }\n": types.PortalRevokeSessionsDocument,
    "\n  query CreditNotesList($invoiceId: ID, $customerId: ID) {\n    creditNotes(first: 100, invoiceId: $invoiceId, customerId: $customerId) {\n      edges {\n        node {\n          id\n          number\n        }\n      }\n    }\n  }\n": types.CreditNotesListDocument,
    "\n  query CreditNotesOne($id: ID!) {\n    creditNote(id: $id) {\n      id\n      number\n      status\n    }\n  }\n": types.CreditNotesOneDocument,
    "\n  query CreditNotesEvents {\n    events(first: 100, type: \"credit_note.created\") {\n      edges {\n        node {\n          data\n        }\n      }\n    }\n  }\n": types.CreditNotesEventsDocument,
    "\n  query CreditsGrantsPage($c: ID, $after: String) {\n    creditGrants(first: 1, after: $after, customerId: $c) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.CreditsGrantsPageDocument,
    "\n  query CreditsLedgerPage($c: ID, $after: String) {\n    creditBalanceTransactions(first: 1, after: $after, customerId: $c) {\n      edges {\n        node {\n          grant {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.CreditsLedgerPageDocument,
    "\n  query CreditsNode($id: ID!) {\n    node(id: $id) {\n      id\n    }\n  }\n": types.CreditsNodeDocument,
    "\n  query CreditsGrantNode($id: ID!) {\n    node(id: $id) {\n      id\n      ... on CreditGrant {\n        remaining {\n          amount\n        }\n      }\n    }\n  }\n": types.CreditsGrantNodeDocument,
    "\n  mutation CustomerChangesUpdate($input: UpdateCustomerInput!) {\n    updateCustomer(input: $input) {\n      __typename\n      ... on Customer {\n        id\n        name\n        email\n        metadata\n        deleted\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.CustomerChangesUpdateDocument,
    "\n  mutation CustomerChangesDelete($input: CustomerIdInput!) {\n    deleteCustomer(input: $input) {\n      __typename\n      ... on Customer {\n        id\n        name\n        deleted\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.CustomerChangesDeleteDocument,
    "\n  query CustomerChangesRead($id: ID!) {\n    customer(id: $id) {\n      id\n      deleted\n    }\n    customers(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.CustomerChangesReadDocument,
    "\n  query SessionsViewer($meterId: ID!, $startTime: DateTime!, $endTime: DateTime!) {\n    viewer {\n      customer {\n        id\n        name\n        email\n      }\n      session {\n        scopes\n        meterIds\n        expiresAt\n      }\n      meters {\n        id\n      }\n      usage(meterId: $meterId, startTime: $startTime, endTime: $endTime) {\n        aggregatedValue\n      }\n    }\n  }\n": types.SessionsViewerDocument,
    "\n  query SessionsViewerBilling {\n    viewer {\n      upcomingInvoice {\n        total {\n          amount\n          currency\n        }\n      }\n      invoices(first: 10) {\n        edges {\n          node {\n            id\n          }\n        }\n      }\n      creditBalance {\n        currency\n        available\n      }\n      alerts {\n        id\n      }\n    }\n  }\n": types.SessionsViewerBillingDocument,
    "\n  query SessionsViewerCustomer {\n    viewer {\n      customer {\n        id\n      }\n    }\n  }\n": types.SessionsViewerCustomerDocument,
    "\n  query SessionsPreviewTotal($subscriptionId: ID!) {\n    previewInvoice(subscriptionId: $subscriptionId) {\n      total {\n        amount\n      }\n    }\n  }\n": types.SessionsPreviewTotalDocument,
    "\n  mutation SessionsRevoke($input: RevokeCustomerSessionsInput!) {\n    revokeCustomerSessions(input: $input) {\n      __typename\n      ... on RevokedCustomerSessions {\n        revokedCount\n      }\n      ... on Error {\n        code\n      }\n    }\n  }\n": types.SessionsRevokeDocument,
    "\n  mutation CustomersCreate($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      __typename\n      ... on Customer {\n        id\n        name\n        email\n        metadata\n        testClock {\n          id\n          frozenTime\n        }\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.CustomersCreateDocument,
    "\n  query CustomersRead($id: ID!) {\n    customer(id: $id) {\n      id\n      name\n    }\n    node(id: $id) {\n      id\n    }\n  }\n": types.CustomersReadDocument,
    "\n  query CustomersPage($after: String) {\n    customers(first: 2, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.CustomersPageDocument,
    "\n  query CustomersVisible($id: ID!) {\n    customer(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    customers(first: 50) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.CustomersVisibleDocument,
    "\n  query EventsList($type: String, $first: Int, $after: String) {\n    events(type: $type, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          type\n          data\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.EventsListDocument,
    "\n  query EventsOne($id: ID!) {\n    event(id: $id) {\n      id\n      type\n      data\n    }\n    node(id: $id) {\n      id\n      ... on Event {\n        type\n      }\n    }\n  }\n": types.EventsOneDocument,
    "\n  query EventsOneId($id: ID!) {\n    event(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n  }\n": types.EventsOneIdDocument,
    "\n  mutation EventsDeactivateMeter($id: ID!) {\n    deactivateMeter(input: { id: $id }) {\n      __typename\n    }\n  }\n": types.EventsDeactivateMeterDocument,
    "\n  mutation EventsReactivateMeter($id: ID!) {\n    reactivateMeter(input: { id: $id }) {\n      __typename\n    }\n  }\n": types.EventsReactivateMeterDocument,
    "\n  query EventsMeterEventName($id: ID!) {\n    meter(id: $id) {\n      eventName\n    }\n  }\n": types.EventsMeterEventNameDocument,
    "\n  mutation IngestCachesRecord($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ... on MeterEvent {\n        identifier\n        timestamp\n        meter {\n          id\n          displayName\n          status\n        }\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.IngestCachesRecordDocument,
    "\n  mutation IngestCachesRecordMany($input: RecordMeterEventsInput!) {\n    recordMeterEvents(input: $input) {\n      __typename\n      ... on RecordMeterEventsSummary {\n        accepted\n        duplicates\n        rejected {\n          index\n          code\n          message\n        }\n      }\n    }\n  }\n": types.IngestCachesRecordManyDocument,
    "\n  mutation IngestCachesDeactivateMeter($id: ID!) {\n    deactivateMeter(input: { id: $id }) {\n      __typename\n    }\n  }\n": types.IngestCachesDeactivateMeterDocument,
    "\n  mutation IngestCachesReactivateMeter($id: ID!) {\n    reactivateMeter(input: { id: $id }) {\n      __typename\n    }\n  }\n": types.IngestCachesReactivateMeterDocument,
    "\n  mutation IngestCachesRenameMeter($input: UpdateMeterInput!) {\n    updateMeter(input: $input) {\n      __typename\n    }\n  }\n": types.IngestCachesRenameMeterDocument,
    "\n  query LifecycleEvents($type: String) {\n    events(first: 100, type: $type) {\n      edges {\n        node {\n          type\n          data\n        }\n      }\n    }\n  }\n": types.LifecycleEventsDocument,
    "\n  mutation LifecycleRecord($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ... on Error {\n        code\n      }\n    }\n  }\n": types.LifecycleRecordDocument,
    "\n  mutation LifecycleUpdateCustomer($input: UpdateCustomerInput!) {\n    updateCustomer(input: $input) {\n      __typename\n      ... on Customer {\n        invoiceDaysUntilDue\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n": types.LifecycleUpdateCustomerDocument,
    "\n  query InvoicesList($c: ID, $s: ID, $st: InvoiceStatus, $first: Int, $after: String) {\n    invoices(customerId: $c, subscriptionId: $s, status: $st, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          number\n          createdAt\n          subscription {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.InvoicesListDocument,
    "\n  query InvoicesOne($id: ID!) {\n    invoice(id: $id) {\n      ...BillingInvoice\n    }\n    node(id: $id) {\n      __typename\n      id\n      ... on Invoice {\n        number\n      }\n    }\n  }\n": types.InvoicesOneDocument,
    "\n  query InvoicesId($id: ID!) {\n    invoice(id: $id) {\n      id\n    }\n  }\n": types.InvoicesIdDocument,
    "\n  query InvoicesOfCustomer($id: ID!) {\n    customer(id: $id) {\n      invoices(first: 2) {\n        edges {\n          node {\n            id\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n": types.InvoicesOfCustomerDocument,
    "\n  query InvoicesVisible($id: ID!, $c: ID!, $s: ID!) {\n    invoice(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    all: invoices {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    byCustomer: invoices(customerId: $c) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    bySub: invoices(subscriptionId: $s) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.InvoicesVisibleDocument,
    "\n  mutation LiveUsageRevoke($input: RevokeCustomerSessionsInput!) {\n    revokeCustomerSessions(input: $input) {\n      __typename\n    }\n  }\n": types.LiveUsageRevokeDocument,
    "\n  mutation MeterEventsDeactivateMeter($id: ID!) {\n    deactivateMeter(input: { id: $id }) {\n      __typename\n    }\n  }\n": types.MeterEventsDeactivateMeterDocument,
    "\n  mutation MetersUpdate($input: UpdateMeterInput!) {\n    updateMeter(input: $input) {\n      __typename\n      ... on Meter {\n        id\n        displayName\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.MetersUpdateDocument,
    "\n  mutation MetersDeactivate($input: MeterIdInput!) {\n    deactivateMeter(input: $input) {\n      __typename\n      ... on Meter {\n        id\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.MetersDeactivateDocument,
    "\n  mutation MetersReactivate($input: MeterIdInput!) {\n    reactivateMeter(input: $input) {\n      __typename\n      ... on Meter {\n        id\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.MetersReactivateDocument,
    "\n  query MetersRead($id: ID!) {\n    meter(id: $id) {\n      id\n      eventName\n    }\n    node(id: $id) {\n      ... on Meter {\n        id\n      }\n    }\n  }\n": types.MetersReadDocument,
    "\n  query MetersPage($after: String, $status: MeterStatus) {\n    meters(first: 2, after: $after, status: $status) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.MetersPageDocument,
    "\n  query MetersVisible($id: ID!) {\n    meter(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    meters(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.MetersVisibleDocument,
    "\n  query MetersState($id: ID!) {\n    meter(id: $id) {\n      displayName\n      status\n    }\n  }\n": types.MetersStateDocument,
    "\n  mutation PricesCreate($input: CreatePriceInput!) {\n    createPrice(input: $input) {\n      __typename\n      ...CatalogPrice\n      ...CatalogError\n    }\n  }\n": types.PricesCreateDocument,
    "\n  query PricesRead($id: ID!) {\n    price(id: $id) {\n      ...CatalogPrice\n    }\n    node(id: $id) {\n      id\n      ... on Price {\n        currency\n      }\n    }\n  }\n": types.PricesReadDocument,
    "\n  mutation PricesSetMeterStatus($id: ID!, $active: Boolean!) {\n    deactivateMeter(input: { id: $id }) @skip(if: $active) {\n      ... on Meter {\n        status\n      }\n    }\n    reactivateMeter(input: { id: $id }) @include(if: $active) {\n      ... on Meter {\n        status\n      }\n    }\n  }\n": types.PricesSetMeterStatusDocument,
    "\n  query PricesList($after: String, $productId: ID, $active: Boolean) {\n    prices(first: 4, after: $after, productId: $productId, active: $active) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.PricesListDocument,
    "\n  query PricesUnderProduct($p: ID!) {\n    product(id: $p) {\n      prices(first: 10) {\n        edges {\n          node {\n            id\n            product {\n              id\n            }\n          }\n        }\n      }\n      active: prices(first: 10, active: true) {\n        edges {\n          node {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.PricesUnderProductDocument,
    "\n  query PricesIsolation($id: ID!, $p: ID!) {\n    price(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    prices(first: 50) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    byProduct: prices(first: 50, productId: $p) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.PricesIsolationDocument,
    "\n  mutation ProductsCreate($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      __typename\n      ... on Product {\n        id\n        name\n        description\n        active\n        createdAt\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.ProductsCreateDocument,
    "\n  mutation ProductsUpdate($input: UpdateProductInput!) {\n    updateProduct(input: $input) {\n      __typename\n      ... on Product {\n        id\n        name\n        description\n        active\n        createdAt\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.ProductsUpdateDocument,
    "\n  query ProductsRead($id: ID!) {\n    product(id: $id) {\n      id\n      name\n      description\n      active\n      createdAt\n    }\n    node(id: $id) {\n      id\n      ... on Product {\n        name\n      }\n    }\n  }\n": types.ProductsReadDocument,
    "\n  query ProductsState($id: ID!) {\n    product(id: $id) {\n      name\n      description\n      active\n    }\n  }\n": types.ProductsStateDocument,
    "\n  query ProductsNameActive($id: ID!) {\n    product(id: $id) {\n      name\n      active\n    }\n  }\n": types.ProductsNameActiveDocument,
    "\n  query ProductsName($id: ID!) {\n    product(id: $id) {\n      name\n    }\n  }\n": types.ProductsNameDocument,
    "\n  query ProductsPage($after: String) {\n    products(first: 2, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ProductsPageDocument,
    "\n  query ProductsList($active: Boolean) {\n    products(first: 10, active: $active) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.ProductsListDocument,
    "\n  query ProductsVisible($id: ID!) {\n    product(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    products(first: 50) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.ProductsVisibleDocument,
    "\n  mutation IsolationCreateAlert($input: CreateUsageAlertInput!) {\n    createUsageAlert(input: $input) {\n      __typename\n      ... on UsageAlert {\n        id\n      }\n    }\n  }\n": types.IsolationCreateAlertDocument,
    "\n  query SubscriptionChangesPreview($id: ID!, $changes: SubscriptionChangesInput) {\n    previewInvoice(subscriptionId: $id, subscriptionChanges: $changes) {\n      ...BillingPreview\n    }\n  }\n": types.SubscriptionChangesPreviewDocument,
    "\n  query SubscriptionsList($c: ID, $s: SubscriptionStatus, $first: Int, $after: String) {\n    subscriptions(customerId: $c, status: $s, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          status\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.SubscriptionsListDocument,
    "\n  query SubscriptionsPage($c: ID, $first: Int, $after: String, $last: Int, $before: String) {\n    subscriptions(customerId: $c, first: $first, after: $after, last: $last, before: $before) {\n      edges {\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": types.SubscriptionsPageDocument,
    "\n  query SubscriptionsNodes($s: ID!, $i: ID!) {\n    s: node(id: $s) {\n      __typename\n      id\n      ... on Subscription {\n        status\n      }\n    }\n    i: node(id: $i) {\n      __typename\n      id\n      ... on SubscriptionItem {\n        quantity\n        price {\n          id\n        }\n      }\n    }\n  }\n": types.SubscriptionsNodesDocument,
    "\n  query SubscriptionsViaCustomer($id: ID!) {\n    customer(id: $id) {\n      subscriptions(first: 10) {\n        edges {\n          node {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.SubscriptionsViaCustomerDocument,
    "\n  query SubscriptionsIsolation($id: ID!, $item: ID!, $c: ID!) {\n    subscription(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    item: node(id: $item) {\n      id\n    }\n    subscriptions(customerId: $c) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    all: subscriptions {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    previewInvoice(subscriptionId: $id) {\n      total {\n        amount\n      }\n    }\n  }\n": types.SubscriptionsIsolationDocument,
    "\n  fragment BillingLine on InvoiceLine {\n    kind\n    description\n    price {\n      id\n    }\n    tier\n    quantity\n    unitAmount\n    amount {\n      amount\n      currency\n    }\n    periodStart\n    periodEnd\n  }\n": types.BillingLineFragmentDoc,
    "\n  fragment BillingInvoice on Invoice {\n    id\n    number\n    status\n    billingReason\n    currency\n    periodStart\n    periodEnd\n    createdAt\n    finalizedAt\n    customer {\n      id\n    }\n    subscription {\n      id\n    }\n    lines {\n      ...BillingLine\n    }\n    subtotal {\n      amount\n      currency\n    }\n    creditsApplied {\n      amount\n      currency\n    }\n    total {\n      amount\n      currency\n    }\n    amountDue {\n      amount\n      currency\n    }\n  }\n": types.BillingInvoiceFragmentDoc,
    "\n  fragment BillingPreview on InvoicePreview {\n    customer {\n      id\n    }\n    subscription {\n      id\n    }\n    currency\n    periodStart\n    periodEnd\n    lines {\n      ...BillingLine\n    }\n    subtotal {\n      amount\n      currency\n    }\n    creditsApplied {\n      amount\n      currency\n    }\n    total {\n      amount\n      currency\n    }\n    amountDue {\n      amount\n      currency\n    }\n  }\n": types.BillingPreviewFragmentDoc,
    "\n  mutation BillingCancelSubscription($input: CancelSubscriptionInput!) {\n    cancelSubscription(input: $input) {\n      __typename\n      ...CatalogSubscription\n      ...CatalogError\n    }\n  }\n": types.BillingCancelSubscriptionDocument,
    "\n  mutation BillingUpdateSubscription($input: UpdateSubscriptionInput!) {\n    updateSubscription(input: $input) {\n      __typename\n      ...CatalogSubscription\n      ...CatalogError\n    }\n  }\n": types.BillingUpdateSubscriptionDocument,
    "\n  mutation BillingRecordMeterEvent($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ... on MeterEvent {\n        identifier\n        value\n        timestamp\n      }\n      ...CatalogError\n    }\n  }\n": types.BillingRecordMeterEventDocument,
    "\n  query BillingPreviewInvoice($id: ID!) {\n    previewInvoice(subscriptionId: $id) {\n      ...BillingPreview\n    }\n  }\n": types.BillingPreviewInvoiceDocument,
    "\n  query BillingSubscription($id: ID!) {\n    subscription(id: $id) {\n      ...CatalogSubscription\n    }\n  }\n": types.BillingSubscriptionDocument,
    "\n  query BillingInvoices($customerId: ID, $subscriptionId: ID, $status: InvoiceStatus) {\n    invoices(first: 100, customerId: $customerId, subscriptionId: $subscriptionId, status: $status) {\n      edges {\n        node {\n          ...BillingInvoice\n        }\n      }\n    }\n  }\n": types.BillingInvoicesDocument,
    "\n  fragment CatalogError on Error {\n    code\n    message\n    field\n  }\n": types.CatalogErrorFragmentDoc,
    "\n  fragment CatalogMeter on Meter {\n    id\n    displayName\n    eventName\n    aggregation\n    customerPayloadKey\n    valuePayloadKey\n    status\n    createdAt\n  }\n": types.CatalogMeterFragmentDoc,
    "\n  fragment CatalogProduct on Product {\n    id\n    name\n    description\n    active\n    createdAt\n  }\n": types.CatalogProductFragmentDoc,
    "\n  fragment CatalogPrice on Price {\n    id\n    currency\n    nickname\n    lookupKey\n    active\n    billingScheme\n    unitAmount\n    tiersMode\n    createdAt\n    product {\n      id\n      name\n    }\n    recurring {\n      interval\n      intervalCount\n      usageType\n      meter {\n        id\n        eventName\n      }\n    }\n    tiers {\n      upTo\n      unitAmount\n      flatAmount\n    }\n    transformQuantity {\n      divideBy\n      round\n    }\n  }\n": types.CatalogPriceFragmentDoc,
    "\n  fragment CatalogSubscription on Subscription {\n    id\n    status\n    billingMode\n    currency\n    startDate\n    billingCycleAnchor\n    currentPeriodStart\n    currentPeriodEnd\n    cancelAtPeriodEnd\n    canceledAt\n    trialStart\n    trialEnd\n    createdAt\n    customer {\n      id\n    }\n    items {\n      id\n      quantity\n      price {\n        id\n      }\n    }\n  }\n": types.CatalogSubscriptionFragmentDoc,
    "\n  fragment CatalogCreditGrant on CreditGrant {\n    id\n    customer {\n      id\n    }\n    name\n    amount {\n      amount\n      currency\n    }\n    remaining {\n      amount\n      currency\n    }\n    category\n    priority\n    priceIds\n    effectiveAt\n    expiresAt\n    expiredAt\n    voidedAt\n    createdAt\n  }\n": types.CatalogCreditGrantFragmentDoc,
    "\n  mutation CatalogCreateMeter($input: CreateMeterInput!) {\n    createMeter(input: $input) {\n      __typename\n      ...CatalogMeter\n      ...CatalogError\n    }\n  }\n": types.CatalogCreateMeterDocument,
    "\n  mutation CatalogCreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      __typename\n      ...CatalogProduct\n      ...CatalogError\n    }\n  }\n": types.CatalogCreateProductDocument,
    "\n  mutation CatalogCreatePrice($input: CreatePriceInput!) {\n    createPrice(input: $input) {\n      __typename\n      ...CatalogPrice\n      ...CatalogError\n    }\n  }\n": types.CatalogCreatePriceDocument,
    "\n  mutation CatalogUpdatePrice($input: UpdatePriceInput!) {\n    updatePrice(input: $input) {\n      __typename\n      ...CatalogPrice\n      ...CatalogError\n    }\n  }\n": types.CatalogUpdatePriceDocument,
    "\n  mutation CatalogCreateCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      __typename\n      ... on Customer {\n        id\n        name\n        email\n        metadata\n        createdAt\n      }\n      ...CatalogError\n    }\n  }\n": types.CatalogCreateCustomerDocument,
    "\n  mutation CatalogCreateTestClock($input: CreateTestClockInput!) {\n    createTestClock(input: $input) {\n      __typename\n      ... on TestClock {\n        id\n        frozenTime\n      }\n      ...CatalogError\n    }\n  }\n": types.CatalogCreateTestClockDocument,
    "\n  mutation CatalogAdvanceTestClock($input: AdvanceTestClockInput!) {\n    advanceTestClock(input: $input) {\n      __typename\n      ... on TestClock {\n        id\n        frozenTime\n      }\n      ...CatalogError\n    }\n  }\n": types.CatalogAdvanceTestClockDocument,
    "\n  mutation CatalogCreateSubscription($input: CreateSubscriptionInput!) {\n    createSubscription(input: $input) {\n      __typename\n      ...CatalogSubscription\n      ...CatalogError\n    }\n  }\n": types.CatalogCreateSubscriptionDocument,
    "\n  mutation CatalogCreateCreditGrant($input: CreateCreditGrantInput!) {\n    createCreditGrant(input: $input) {\n      __typename\n      ...CatalogCreditGrant\n      ...CatalogError\n    }\n  }\n": types.CatalogCreateCreditGrantDocument,
    "\n  query LifecycleInvoiceState($id: ID!) {\n    invoice(id: $id) {\n      id\n      number\n      status\n      amountDue { amount }\n      amountPaid { amount }\n      amountRemaining { amount }\n      startingBalance { amount }\n      endingBalance { amount }\n      prePaymentCreditNotesAmount { amount }\n      postPaymentCreditNotesAmount { amount }\n      paidOutOfBand\n      dueDate\n      createdAt\n      paidAt\n      voidedAt\n      markedUncollectibleAt\n      lines { id amount { amount } }\n      creditNotes { id number amount { amount } }\n    }\n  }\n": types.LifecycleInvoiceStateDocument,
    "\n  mutation LifecyclePay($input: PayInvoiceInput!) {\n    payInvoice(input: $input) {\n      __typename\n      ... on Invoice { id status }\n      ... on Error { code message field }\n    }\n  }\n": types.LifecyclePayDocument,
    "\n  mutation LifecycleVoid($input: VoidInvoiceInput!) {\n    voidInvoice(input: $input) {\n      __typename\n      ... on Invoice { id status }\n      ... on Error { code message field }\n    }\n  }\n": types.LifecycleVoidDocument,
    "\n  mutation LifecycleUncollectible($input: MarkInvoiceUncollectibleInput!) {\n    markInvoiceUncollectible(input: $input) {\n      __typename\n      ... on Invoice { id status }\n      ... on Error { code message field }\n    }\n  }\n": types.LifecycleUncollectibleDocument,
    "\n  mutation LifecycleCreateCreditNote($input: CreateCreditNoteInput!) {\n    createCreditNote(input: $input) {\n      __typename\n      ... on CreditNote {\n        id\n        number\n        type\n        status\n        reason\n        memo\n        amount { amount currency }\n        creditAmount { amount }\n        outOfBandAmount { amount }\n        invoice { id }\n        customer { id }\n        lines { invoiceLineId description quantity unitAmount amount { amount } }\n      }\n      ... on Error { code message field }\n    }\n  }\n": types.LifecycleCreateCreditNoteDocument,
    "\n  mutation LifecycleVoidCreditNote($input: VoidCreditNoteInput!) {\n    voidCreditNote(input: $input) {\n      __typename\n      ... on CreditNote { id status voidedAt }\n      ... on Error { code message field }\n    }\n  }\n": types.LifecycleVoidCreditNoteDocument,
    "\n  query LifecycleBalance($id: ID!) {\n    customer(id: $id) {\n      balances { amount currency }\n    }\n    customerBalanceTransactions(first: 100, customerId: $id) {\n      edges {\n        node {\n          type\n          amount { amount }\n          endingBalance { amount }\n          invoice { id }\n          creditNote { id }\n          description\n        }\n      }\n    }\n  }\n": types.LifecycleBalanceDocument,
    "\n  mutation LifecycleAdjustBalance($input: CreateCustomerBalanceTransactionInput!) {\n    createCustomerBalanceTransaction(input: $input) {\n      __typename\n      ... on CustomerBalanceTransaction { id type amount { amount currency } endingBalance { amount } }\n      ... on Error { code message field }\n    }\n  }\n": types.LifecycleAdjustBalanceDocument,
    "\n  fragment TestMeterEvent on MeterEvent {\n    identifier\n    eventName\n    value\n    timestamp\n    payload\n    createdAt\n    canceledAt\n    customer {\n      id\n    }\n  }\n": types.TestMeterEventFragmentDoc,
    "\n  mutation TestRecordMeterEvent($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ...TestMeterEvent\n      ... on MeterEventError {\n        existingEvent {\n          ...TestMeterEvent\n        }\n      }\n      ...CatalogError\n    }\n  }\n": types.TestRecordMeterEventDocument,
    "\n  mutation TestRecordMeterEvents($input: RecordMeterEventsInput!) {\n    recordMeterEvents(input: $input) {\n      __typename\n      ... on RecordMeterEventsSummary {\n        accepted\n        duplicates\n        rejected {\n          index\n          code\n          message\n        }\n      }\n      ...CatalogError\n    }\n  }\n": types.TestRecordMeterEventsDocument,
    "\n  mutation TestCancelMeterEvent($input: CancelMeterEventInput!) {\n    cancelMeterEvent(input: $input) {\n      __typename\n      ...TestMeterEvent\n      ...CatalogError\n    }\n  }\n": types.TestCancelMeterEventDocument,
    "\n  query TestMeterEventSummaries(\n    $meterId: ID!\n    $customerId: ID!\n    $startTime: DateTime!\n    $endTime: DateTime!\n    $groupingWindow: UsageWindow\n  ) {\n    meterEventSummaries(\n      meterId: $meterId\n      customerId: $customerId\n      startTime: $startTime\n      endTime: $endTime\n      groupingWindow: $groupingWindow\n    ) {\n      startTime\n      endTime\n      aggregatedValue\n    }\n  }\n": types.TestMeterEventSummariesDocument,
    "\n  mutation SupportCreateCustomerSession($input: CreateCustomerSessionInput!) {\n    createCustomerSession(input: $input) {\n      __typename\n      ... on CustomerSession {\n        id\n        token\n        customerId\n        scopes\n        meterIds\n        expiresAt\n        createdAt\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.SupportCreateCustomerSessionDocument,
    "\n  query TenancyRead($id: ID!) {\n    testClock(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n  }\n": types.TenancyReadDocument,
    "\n  query TenancyNode($id: ID!) {\n    node(id: $id) {\n      id\n    }\n  }\n": types.TenancyNodeDocument,
    "\n  mutation TenancyAdvance($id: ID!) {\n    advanceTestClock(input: { id: $id, frozenTime: \"2027-01-01T00:00:00Z\" }) {\n      __typename\n      ... on Error {\n        code\n      }\n    }\n  }\n": types.TenancyAdvanceDocument,
    "\n  mutation TestClocksCreate($input: CreateTestClockInput!) {\n    createTestClock(input: $input) {\n      __typename\n      ... on TestClock {\n        id\n        name\n        frozenTime\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.TestClocksCreateDocument,
    "\n  mutation TestClocksAdvance($input: AdvanceTestClockInput!) {\n    advanceTestClock(input: $input) {\n      __typename\n      ... on TestClock {\n        id\n        frozenTime\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.TestClocksAdvanceDocument,
    "\n  query TestClocksFrozenTime($id: ID!) {\n    testClock(id: $id) {\n      frozenTime\n    }\n  }\n": types.TestClocksFrozenTimeDocument,
    "\n  query TestClocksId($id: ID!) {\n    testClock(id: $id) {\n      id\n    }\n  }\n": types.TestClocksIdDocument,
    "\n  query TestClocksList {\n    testClocks(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.TestClocksListDocument,
    "\n  mutation TestClocksDelete($input: TestClockIdInput!) {\n    deleteTestClock(input: $input) {\n      __typename\n      ... on DeletedTestClock {\n        id\n        deleted\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.TestClocksDeleteDocument,
    "\n  fragment WebhooksEndpoint on WebhookEndpoint {\n    id\n    url\n    description\n    enabledEvents\n    status\n    createdAt\n  }\n": types.WebhooksEndpointFragmentDoc,
    "\n  mutation WebhooksCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      __typename\n      ... on WebhookEndpointWithSecret {\n        secret\n        endpoint {\n          ...WebhooksEndpoint\n        }\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.WebhooksCreateEndpointDocument,
    "\n  mutation WebhooksUpdateEndpoint($input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(input: $input) {\n      __typename\n      ...WebhooksEndpoint\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.WebhooksUpdateEndpointDocument,
    "\n  mutation WebhooksDeleteEndpoint($id: ID!) {\n    deleteWebhookEndpoint(input: { id: $id }) {\n      __typename\n      ... on DeletedWebhookEndpoint {\n        id\n        deleted\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n": types.WebhooksDeleteEndpointDocument,
    "\n  query WebhooksDeliveries($id: ID!) {\n    webhookDeliveries(endpointId: $id, first: 100) {\n      edges {\n        node {\n          id\n          status\n          attempts\n          nextAttemptAt\n          lastAttemptAt\n          lastResponseStatus\n          lastError\n          deliveredAt\n          event {\n            id\n            type\n          }\n        }\n      }\n    }\n  }\n": types.WebhooksDeliveriesDocument,
    "\n  query WebhooksEndpoints {\n    webhookEndpoints(first: 100) {\n      edges {\n        node {\n          ...WebhooksEndpoint\n        }\n      }\n    }\n  }\n": types.WebhooksEndpointsDocument,
    "\n  query WebhooksDeleted($id: ID!) {\n    webhookEndpoint(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    webhookEndpoints(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.WebhooksDeletedDocument,
    "\n  query WebhooksLastMeterCreated {\n    events(first: 1, type: \"billing.meter.created\") {\n      edges {\n        node {\n          id\n          type\n          data\n          createdAt\n        }\n      }\n    }\n  }\n": types.WebhooksLastMeterCreatedDocument,
    "\n  mutation WebhooksCreateAlert($input: CreateUsageAlertInput!) {\n    createUsageAlert(input: $input) {\n      __typename\n      ... on UsageAlert {\n        id\n      }\n    }\n  }\n": types.WebhooksCreateAlertDocument,
    "\n  mutation WebhooksRecordMany($input: RecordMeterEventsInput!) {\n    recordMeterEvents(input: $input) {\n      ... on RecordMeterEventsSummary {\n        accepted\n      }\n    }\n  }\n": types.WebhooksRecordManyDocument,
    "\n  query WebhooksVisible($id: ID!) {\n    webhookEndpoint(id: $id) {\n      id\n    }\n    webhookEndpoints(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.WebhooksVisibleDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AlertsCreate($input: CreateUsageAlertInput!) {\n    createUsageAlert(input: $input) {\n      __typename\n      ... on UsageAlert {\n        id\n        title\n        meter {\n          id\n        }\n        customer {\n          id\n        }\n        threshold\n        recurrence\n        status\n        createdAt\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AlertsCreate($input: CreateUsageAlertInput!) {\n    createUsageAlert(input: $input) {\n      __typename\n      ... on UsageAlert {\n        id\n        title\n        meter {\n          id\n        }\n        customer {\n          id\n        }\n        threshold\n        recurrence\n        status\n        createdAt\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertsTriggers($alertId: ID, $customerId: ID) {\n    alertTriggers(alertId: $alertId, customerId: $customerId) {\n      id\n      alert {\n        id\n      }\n      customer {\n        id\n      }\n      value\n      triggeredAt\n    }\n  }\n"): (typeof documents)["\n  query AlertsTriggers($alertId: ID, $customerId: ID) {\n    alertTriggers(alertId: $alertId, customerId: $customerId) {\n      id\n      alert {\n        id\n      }\n      customer {\n        id\n      }\n      value\n      triggeredAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AlertsRecordMany($input: RecordMeterEventsInput!) {\n    recordMeterEvents(input: $input) {\n      __typename\n      ... on RecordMeterEventsSummary {\n        accepted\n        duplicates\n        rejected {\n          index\n          code\n        }\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AlertsRecordMany($input: RecordMeterEventsInput!) {\n    recordMeterEvents(input: $input) {\n      __typename\n      ... on RecordMeterEventsSummary {\n        accepted\n        duplicates\n        rejected {\n          index\n          code\n        }\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AlertsRecord($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation AlertsRecord($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertsTriggeredEvents {\n    events(first: 10, type: \"billing.alert.triggered\") {\n      edges {\n        node {\n          type\n          data\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AlertsTriggeredEvents {\n    events(first: 10, type: \"billing.alert.triggered\") {\n      edges {\n        node {\n          type\n          data\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AlertsArchive($id: ID!) {\n    archiveUsageAlert(input: { id: $id }) {\n      __typename\n      ... on UsageAlert {\n        id\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AlertsArchive($id: ID!) {\n    archiveUsageAlert(input: { id: $id }) {\n      __typename\n      ... on UsageAlert {\n        id\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertsIds {\n    usageAlerts(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AlertsIds {\n    usageAlerts(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertsVisible($alertId: ID!, $triggerId: ID!) {\n    usageAlerts(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    usageAlert(id: $alertId) {\n      id\n    }\n    node(id: $triggerId) {\n      id\n    }\n    alertTriggers {\n      id\n    }\n    byAlert: alertTriggers(alertId: $alertId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query AlertsVisible($alertId: ID!, $triggerId: ID!) {\n    usageAlerts(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    usageAlert(id: $alertId) {\n      id\n    }\n    node(id: $triggerId) {\n      id\n    }\n    alertTriggers {\n      id\n    }\n    byAlert: alertTriggers(alertId: $alertId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AlertsArchiveTypename($id: ID!) {\n    archiveUsageAlert(input: { id: $id }) {\n      __typename\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AlertsArchiveTypename($id: ID!) {\n    archiveUsageAlert(input: { id: $id }) {\n      __typename\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertsTriggerNode($id: ID!) {\n    node(id: $id) {\n      id\n      ... on AlertTrigger {\n        value\n      }\n    }\n  }\n"): (typeof documents)["\n  query AlertsTriggerNode($id: ID!) {\n    node(id: $id) {\n      id\n      ... on AlertTrigger {\n        value\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlpacaJanuarySummaries($m: ID!, $c: ID!) {\n    meterEventSummaries(\n      meterId: $m\n      customerId: $c\n      startTime: \"2026-01-01T00:00:00Z\"\n      endTime: \"2026-02-01T00:00:00Z\"\n    ) {\n      aggregatedValue\n    }\n  }\n"): (typeof documents)["\n  query AlpacaJanuarySummaries($m: ID!, $c: ID!) {\n    meterEventSummaries(\n      meterId: $m\n      customerId: $c\n      startTime: \"2026-01-01T00:00:00Z\"\n      endTime: \"2026-02-01T00:00:00Z\"\n    ) {\n      aggregatedValue\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlpacaMeterEventName($id: ID!) {\n    meter(id: $id) {\n      eventName\n    }\n  }\n"): (typeof documents)["\n  query AlpacaMeterEventName($id: ID!) {\n    meter(id: $id) {\n      eventName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthCreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      __typename\n      ... on AccountCredentials {\n        account {\n          id\n          name\n        }\n        testSecretKey\n        liveSecretKey\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AuthCreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      __typename\n      ... on AccountCredentials {\n        account {\n          id\n          name\n        }\n        testSecretKey\n        liveSecretKey\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthClock($id: ID!) {\n    testClock(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query AuthClock($id: ID!) {\n    testClock(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthMeterFields {\n    __typename\n    __type(name: \"Meter\") {\n      fields {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuthMeterFields {\n    __typename\n    __type(name: \"Meter\") {\n      fields {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthTypename {\n    __typename\n  }\n"): (typeof documents)["\n  query AuthTypename {\n    __typename\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthAccountNode($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Account {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuthAccountNode($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Account {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BillingCycleAdvance($input: AdvanceTestClockInput!) {\n    advanceTestClock(input: $input) {\n      __typename\n      ... on TestClock {\n        frozenTime\n      }\n      ... on Error {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation BillingCycleAdvance($input: AdvanceTestClockInput!) {\n    advanceTestClock(input: $input) {\n      __typename\n      ... on TestClock {\n        frozenTime\n      }\n      ... on Error {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BillingCycleClockTime($id: ID!) {\n    testClock(id: $id) {\n      frozenTime\n    }\n  }\n"): (typeof documents)["\n  query BillingCycleClockTime($id: ID!) {\n    testClock(id: $id) {\n      frozenTime\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BillingCycleRecord($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation BillingCycleRecord($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BillingCycleRecordCode($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ... on Error {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation BillingCycleRecordCode($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ... on Error {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BillingCycleCancelEvent($input: CancelMeterEventInput!) {\n    cancelMeterEvent(input: $input) {\n      __typename\n      ... on Error {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation BillingCycleCancelEvent($input: CancelMeterEventInput!) {\n    cancelMeterEvent(input: $input) {\n      __typename\n      ... on Error {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalViewer($meterId: ID!) {\n    viewer {\n      customer {\n        name\n      }\n      periodUsage(meterId: $meterId) {\n        usage\n        periodStart\n        periodEnd\n      }\n      upcomingInvoice {\n        amountDue {\n          amount\n          currency\n        }\n        lines {\n          description\n        }\n      }\n      creditBalance {\n        available\n        currency\n      }\n      invoices(first: 10) {\n        edges {\n          node {\n            number\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortalViewer($meterId: ID!) {\n    viewer {\n      customer {\n        name\n      }\n      periodUsage(meterId: $meterId) {\n        usage\n        periodStart\n        periodEnd\n      }\n      upcomingInvoice {\n        amountDue {\n          amount\n          currency\n        }\n        lines {\n          description\n        }\n      }\n      creditBalance {\n        available\n        currency\n      }\n      invoices(first: 10) {\n        edges {\n          node {\n            number\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalUsageByDay($meterId: ID!, $startTime: DateTime!, $endTime: DateTime!) {\n    viewer {\n      usage(meterId: $meterId, startTime: $startTime, endTime: $endTime, groupingWindow: DAY) {\n        startTime\n        aggregatedValue\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortalUsageByDay($meterId: ID!, $startTime: DateTime!, $endTime: DateTime!) {\n    viewer {\n      usage(meterId: $meterId, startTime: $startTime, endTime: $endTime, groupingWindow: DAY) {\n        startTime\n        aggregatedValue\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalRecordEvent($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation PortalRecordEvent($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalRevokeSessions($input: RevokeCustomerSessionsInput!) {\n    revokeCustomerSessions(input: $input) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation PortalRevokeSessions($input: RevokeCustomerSessionsInput!) {\n    revokeCustomerSessions(input: $input) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditNotesList($invoiceId: ID, $customerId: ID) {\n    creditNotes(first: 100, invoiceId: $invoiceId, customerId: $customerId) {\n      edges {\n        node {\n          id\n          number\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CreditNotesList($invoiceId: ID, $customerId: ID) {\n    creditNotes(first: 100, invoiceId: $invoiceId, customerId: $customerId) {\n      edges {\n        node {\n          id\n          number\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditNotesOne($id: ID!) {\n    creditNote(id: $id) {\n      id\n      number\n      status\n    }\n  }\n"): (typeof documents)["\n  query CreditNotesOne($id: ID!) {\n    creditNote(id: $id) {\n      id\n      number\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditNotesEvents {\n    events(first: 100, type: \"credit_note.created\") {\n      edges {\n        node {\n          data\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CreditNotesEvents {\n    events(first: 100, type: \"credit_note.created\") {\n      edges {\n        node {\n          data\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditsGrantsPage($c: ID, $after: String) {\n    creditGrants(first: 1, after: $after, customerId: $c) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query CreditsGrantsPage($c: ID, $after: String) {\n    creditGrants(first: 1, after: $after, customerId: $c) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditsLedgerPage($c: ID, $after: String) {\n    creditBalanceTransactions(first: 1, after: $after, customerId: $c) {\n      edges {\n        node {\n          grant {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query CreditsLedgerPage($c: ID, $after: String) {\n    creditBalanceTransactions(first: 1, after: $after, customerId: $c) {\n      edges {\n        node {\n          grant {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditsNode($id: ID!) {\n    node(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query CreditsNode($id: ID!) {\n    node(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditsGrantNode($id: ID!) {\n    node(id: $id) {\n      id\n      ... on CreditGrant {\n        remaining {\n          amount\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CreditsGrantNode($id: ID!) {\n    node(id: $id) {\n      id\n      ... on CreditGrant {\n        remaining {\n          amount\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CustomerChangesUpdate($input: UpdateCustomerInput!) {\n    updateCustomer(input: $input) {\n      __typename\n      ... on Customer {\n        id\n        name\n        email\n        metadata\n        deleted\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CustomerChangesUpdate($input: UpdateCustomerInput!) {\n    updateCustomer(input: $input) {\n      __typename\n      ... on Customer {\n        id\n        name\n        email\n        metadata\n        deleted\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CustomerChangesDelete($input: CustomerIdInput!) {\n    deleteCustomer(input: $input) {\n      __typename\n      ... on Customer {\n        id\n        name\n        deleted\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CustomerChangesDelete($input: CustomerIdInput!) {\n    deleteCustomer(input: $input) {\n      __typename\n      ... on Customer {\n        id\n        name\n        deleted\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerChangesRead($id: ID!) {\n    customer(id: $id) {\n      id\n      deleted\n    }\n    customers(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerChangesRead($id: ID!) {\n    customer(id: $id) {\n      id\n      deleted\n    }\n    customers(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionsViewer($meterId: ID!, $startTime: DateTime!, $endTime: DateTime!) {\n    viewer {\n      customer {\n        id\n        name\n        email\n      }\n      session {\n        scopes\n        meterIds\n        expiresAt\n      }\n      meters {\n        id\n      }\n      usage(meterId: $meterId, startTime: $startTime, endTime: $endTime) {\n        aggregatedValue\n      }\n    }\n  }\n"): (typeof documents)["\n  query SessionsViewer($meterId: ID!, $startTime: DateTime!, $endTime: DateTime!) {\n    viewer {\n      customer {\n        id\n        name\n        email\n      }\n      session {\n        scopes\n        meterIds\n        expiresAt\n      }\n      meters {\n        id\n      }\n      usage(meterId: $meterId, startTime: $startTime, endTime: $endTime) {\n        aggregatedValue\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionsViewerBilling {\n    viewer {\n      upcomingInvoice {\n        total {\n          amount\n          currency\n        }\n      }\n      invoices(first: 10) {\n        edges {\n          node {\n            id\n          }\n        }\n      }\n      creditBalance {\n        currency\n        available\n      }\n      alerts {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query SessionsViewerBilling {\n    viewer {\n      upcomingInvoice {\n        total {\n          amount\n          currency\n        }\n      }\n      invoices(first: 10) {\n        edges {\n          node {\n            id\n          }\n        }\n      }\n      creditBalance {\n        currency\n        available\n      }\n      alerts {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionsViewerCustomer {\n    viewer {\n      customer {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query SessionsViewerCustomer {\n    viewer {\n      customer {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionsPreviewTotal($subscriptionId: ID!) {\n    previewInvoice(subscriptionId: $subscriptionId) {\n      total {\n        amount\n      }\n    }\n  }\n"): (typeof documents)["\n  query SessionsPreviewTotal($subscriptionId: ID!) {\n    previewInvoice(subscriptionId: $subscriptionId) {\n      total {\n        amount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionsRevoke($input: RevokeCustomerSessionsInput!) {\n    revokeCustomerSessions(input: $input) {\n      __typename\n      ... on RevokedCustomerSessions {\n        revokedCount\n      }\n      ... on Error {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SessionsRevoke($input: RevokeCustomerSessionsInput!) {\n    revokeCustomerSessions(input: $input) {\n      __typename\n      ... on RevokedCustomerSessions {\n        revokedCount\n      }\n      ... on Error {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CustomersCreate($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      __typename\n      ... on Customer {\n        id\n        name\n        email\n        metadata\n        testClock {\n          id\n          frozenTime\n        }\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CustomersCreate($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      __typename\n      ... on Customer {\n        id\n        name\n        email\n        metadata\n        testClock {\n          id\n          frozenTime\n        }\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomersRead($id: ID!) {\n    customer(id: $id) {\n      id\n      name\n    }\n    node(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query CustomersRead($id: ID!) {\n    customer(id: $id) {\n      id\n      name\n    }\n    node(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomersPage($after: String) {\n    customers(first: 2, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomersPage($after: String) {\n    customers(first: 2, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomersVisible($id: ID!) {\n    customer(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    customers(first: 50) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomersVisible($id: ID!) {\n    customer(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    customers(first: 50) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventsList($type: String, $first: Int, $after: String) {\n    events(type: $type, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          type\n          data\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query EventsList($type: String, $first: Int, $after: String) {\n    events(type: $type, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          type\n          data\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventsOne($id: ID!) {\n    event(id: $id) {\n      id\n      type\n      data\n    }\n    node(id: $id) {\n      id\n      ... on Event {\n        type\n      }\n    }\n  }\n"): (typeof documents)["\n  query EventsOne($id: ID!) {\n    event(id: $id) {\n      id\n      type\n      data\n    }\n    node(id: $id) {\n      id\n      ... on Event {\n        type\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventsOneId($id: ID!) {\n    event(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query EventsOneId($id: ID!) {\n    event(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsDeactivateMeter($id: ID!) {\n    deactivateMeter(input: { id: $id }) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation EventsDeactivateMeter($id: ID!) {\n    deactivateMeter(input: { id: $id }) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EventsReactivateMeter($id: ID!) {\n    reactivateMeter(input: { id: $id }) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation EventsReactivateMeter($id: ID!) {\n    reactivateMeter(input: { id: $id }) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventsMeterEventName($id: ID!) {\n    meter(id: $id) {\n      eventName\n    }\n  }\n"): (typeof documents)["\n  query EventsMeterEventName($id: ID!) {\n    meter(id: $id) {\n      eventName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IngestCachesRecord($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ... on MeterEvent {\n        identifier\n        timestamp\n        meter {\n          id\n          displayName\n          status\n        }\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IngestCachesRecord($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ... on MeterEvent {\n        identifier\n        timestamp\n        meter {\n          id\n          displayName\n          status\n        }\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IngestCachesRecordMany($input: RecordMeterEventsInput!) {\n    recordMeterEvents(input: $input) {\n      __typename\n      ... on RecordMeterEventsSummary {\n        accepted\n        duplicates\n        rejected {\n          index\n          code\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IngestCachesRecordMany($input: RecordMeterEventsInput!) {\n    recordMeterEvents(input: $input) {\n      __typename\n      ... on RecordMeterEventsSummary {\n        accepted\n        duplicates\n        rejected {\n          index\n          code\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IngestCachesDeactivateMeter($id: ID!) {\n    deactivateMeter(input: { id: $id }) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation IngestCachesDeactivateMeter($id: ID!) {\n    deactivateMeter(input: { id: $id }) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IngestCachesReactivateMeter($id: ID!) {\n    reactivateMeter(input: { id: $id }) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation IngestCachesReactivateMeter($id: ID!) {\n    reactivateMeter(input: { id: $id }) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IngestCachesRenameMeter($input: UpdateMeterInput!) {\n    updateMeter(input: $input) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation IngestCachesRenameMeter($input: UpdateMeterInput!) {\n    updateMeter(input: $input) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LifecycleEvents($type: String) {\n    events(first: 100, type: $type) {\n      edges {\n        node {\n          type\n          data\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LifecycleEvents($type: String) {\n    events(first: 100, type: $type) {\n      edges {\n        node {\n          type\n          data\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecycleRecord($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ... on Error {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LifecycleRecord($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ... on Error {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecycleUpdateCustomer($input: UpdateCustomerInput!) {\n    updateCustomer(input: $input) {\n      __typename\n      ... on Customer {\n        invoiceDaysUntilDue\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LifecycleUpdateCustomer($input: UpdateCustomerInput!) {\n    updateCustomer(input: $input) {\n      __typename\n      ... on Customer {\n        invoiceDaysUntilDue\n      }\n      ... on Error {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvoicesList($c: ID, $s: ID, $st: InvoiceStatus, $first: Int, $after: String) {\n    invoices(customerId: $c, subscriptionId: $s, status: $st, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          number\n          createdAt\n          subscription {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query InvoicesList($c: ID, $s: ID, $st: InvoiceStatus, $first: Int, $after: String) {\n    invoices(customerId: $c, subscriptionId: $s, status: $st, first: $first, after: $after) {\n      edges {\n        node {\n          id\n          number\n          createdAt\n          subscription {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvoicesOne($id: ID!) {\n    invoice(id: $id) {\n      ...BillingInvoice\n    }\n    node(id: $id) {\n      __typename\n      id\n      ... on Invoice {\n        number\n      }\n    }\n  }\n"): (typeof documents)["\n  query InvoicesOne($id: ID!) {\n    invoice(id: $id) {\n      ...BillingInvoice\n    }\n    node(id: $id) {\n      __typename\n      id\n      ... on Invoice {\n        number\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvoicesId($id: ID!) {\n    invoice(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query InvoicesId($id: ID!) {\n    invoice(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvoicesOfCustomer($id: ID!) {\n    customer(id: $id) {\n      invoices(first: 2) {\n        edges {\n          node {\n            id\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query InvoicesOfCustomer($id: ID!) {\n    customer(id: $id) {\n      invoices(first: 2) {\n        edges {\n          node {\n            id\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvoicesVisible($id: ID!, $c: ID!, $s: ID!) {\n    invoice(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    all: invoices {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    byCustomer: invoices(customerId: $c) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    bySub: invoices(subscriptionId: $s) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query InvoicesVisible($id: ID!, $c: ID!, $s: ID!) {\n    invoice(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    all: invoices {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    byCustomer: invoices(customerId: $c) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    bySub: invoices(subscriptionId: $s) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LiveUsageRevoke($input: RevokeCustomerSessionsInput!) {\n    revokeCustomerSessions(input: $input) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation LiveUsageRevoke($input: RevokeCustomerSessionsInput!) {\n    revokeCustomerSessions(input: $input) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MeterEventsDeactivateMeter($id: ID!) {\n    deactivateMeter(input: { id: $id }) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation MeterEventsDeactivateMeter($id: ID!) {\n    deactivateMeter(input: { id: $id }) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MetersUpdate($input: UpdateMeterInput!) {\n    updateMeter(input: $input) {\n      __typename\n      ... on Meter {\n        id\n        displayName\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MetersUpdate($input: UpdateMeterInput!) {\n    updateMeter(input: $input) {\n      __typename\n      ... on Meter {\n        id\n        displayName\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MetersDeactivate($input: MeterIdInput!) {\n    deactivateMeter(input: $input) {\n      __typename\n      ... on Meter {\n        id\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MetersDeactivate($input: MeterIdInput!) {\n    deactivateMeter(input: $input) {\n      __typename\n      ... on Meter {\n        id\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MetersReactivate($input: MeterIdInput!) {\n    reactivateMeter(input: $input) {\n      __typename\n      ... on Meter {\n        id\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MetersReactivate($input: MeterIdInput!) {\n    reactivateMeter(input: $input) {\n      __typename\n      ... on Meter {\n        id\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MetersRead($id: ID!) {\n    meter(id: $id) {\n      id\n      eventName\n    }\n    node(id: $id) {\n      ... on Meter {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query MetersRead($id: ID!) {\n    meter(id: $id) {\n      id\n      eventName\n    }\n    node(id: $id) {\n      ... on Meter {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MetersPage($after: String, $status: MeterStatus) {\n    meters(first: 2, after: $after, status: $status) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query MetersPage($after: String, $status: MeterStatus) {\n    meters(first: 2, after: $after, status: $status) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MetersVisible($id: ID!) {\n    meter(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    meters(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MetersVisible($id: ID!) {\n    meter(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    meters(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MetersState($id: ID!) {\n    meter(id: $id) {\n      displayName\n      status\n    }\n  }\n"): (typeof documents)["\n  query MetersState($id: ID!) {\n    meter(id: $id) {\n      displayName\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PricesCreate($input: CreatePriceInput!) {\n    createPrice(input: $input) {\n      __typename\n      ...CatalogPrice\n      ...CatalogError\n    }\n  }\n"): (typeof documents)["\n  mutation PricesCreate($input: CreatePriceInput!) {\n    createPrice(input: $input) {\n      __typename\n      ...CatalogPrice\n      ...CatalogError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PricesRead($id: ID!) {\n    price(id: $id) {\n      ...CatalogPrice\n    }\n    node(id: $id) {\n      id\n      ... on Price {\n        currency\n      }\n    }\n  }\n"): (typeof documents)["\n  query PricesRead($id: ID!) {\n    price(id: $id) {\n      ...CatalogPrice\n    }\n    node(id: $id) {\n      id\n      ... on Price {\n        currency\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PricesSetMeterStatus($id: ID!, $active: Boolean!) {\n    deactivateMeter(input: { id: $id }) @skip(if: $active) {\n      ... on Meter {\n        status\n      }\n    }\n    reactivateMeter(input: { id: $id }) @include(if: $active) {\n      ... on Meter {\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PricesSetMeterStatus($id: ID!, $active: Boolean!) {\n    deactivateMeter(input: { id: $id }) @skip(if: $active) {\n      ... on Meter {\n        status\n      }\n    }\n    reactivateMeter(input: { id: $id }) @include(if: $active) {\n      ... on Meter {\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PricesList($after: String, $productId: ID, $active: Boolean) {\n    prices(first: 4, after: $after, productId: $productId, active: $active) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query PricesList($after: String, $productId: ID, $active: Boolean) {\n    prices(first: 4, after: $after, productId: $productId, active: $active) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PricesUnderProduct($p: ID!) {\n    product(id: $p) {\n      prices(first: 10) {\n        edges {\n          node {\n            id\n            product {\n              id\n            }\n          }\n        }\n      }\n      active: prices(first: 10, active: true) {\n        edges {\n          node {\n            id\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PricesUnderProduct($p: ID!) {\n    product(id: $p) {\n      prices(first: 10) {\n        edges {\n          node {\n            id\n            product {\n              id\n            }\n          }\n        }\n      }\n      active: prices(first: 10, active: true) {\n        edges {\n          node {\n            id\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PricesIsolation($id: ID!, $p: ID!) {\n    price(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    prices(first: 50) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    byProduct: prices(first: 50, productId: $p) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PricesIsolation($id: ID!, $p: ID!) {\n    price(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    prices(first: 50) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    byProduct: prices(first: 50, productId: $p) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProductsCreate($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      __typename\n      ... on Product {\n        id\n        name\n        description\n        active\n        createdAt\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ProductsCreate($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      __typename\n      ... on Product {\n        id\n        name\n        description\n        active\n        createdAt\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProductsUpdate($input: UpdateProductInput!) {\n    updateProduct(input: $input) {\n      __typename\n      ... on Product {\n        id\n        name\n        description\n        active\n        createdAt\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ProductsUpdate($input: UpdateProductInput!) {\n    updateProduct(input: $input) {\n      __typename\n      ... on Product {\n        id\n        name\n        description\n        active\n        createdAt\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductsRead($id: ID!) {\n    product(id: $id) {\n      id\n      name\n      description\n      active\n      createdAt\n    }\n    node(id: $id) {\n      id\n      ... on Product {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProductsRead($id: ID!) {\n    product(id: $id) {\n      id\n      name\n      description\n      active\n      createdAt\n    }\n    node(id: $id) {\n      id\n      ... on Product {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductsState($id: ID!) {\n    product(id: $id) {\n      name\n      description\n      active\n    }\n  }\n"): (typeof documents)["\n  query ProductsState($id: ID!) {\n    product(id: $id) {\n      name\n      description\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductsNameActive($id: ID!) {\n    product(id: $id) {\n      name\n      active\n    }\n  }\n"): (typeof documents)["\n  query ProductsNameActive($id: ID!) {\n    product(id: $id) {\n      name\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductsName($id: ID!) {\n    product(id: $id) {\n      name\n    }\n  }\n"): (typeof documents)["\n  query ProductsName($id: ID!) {\n    product(id: $id) {\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductsPage($after: String) {\n    products(first: 2, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProductsPage($after: String) {\n    products(first: 2, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductsList($active: Boolean) {\n    products(first: 10, active: $active) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProductsList($active: Boolean) {\n    products(first: 10, active: $active) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductsVisible($id: ID!) {\n    product(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    products(first: 50) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProductsVisible($id: ID!) {\n    product(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    products(first: 50) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IsolationCreateAlert($input: CreateUsageAlertInput!) {\n    createUsageAlert(input: $input) {\n      __typename\n      ... on UsageAlert {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IsolationCreateAlert($input: CreateUsageAlertInput!) {\n    createUsageAlert(input: $input) {\n      __typename\n      ... on UsageAlert {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SubscriptionChangesPreview($id: ID!, $changes: SubscriptionChangesInput) {\n    previewInvoice(subscriptionId: $id, subscriptionChanges: $changes) {\n      ...BillingPreview\n    }\n  }\n"): (typeof documents)["\n  query SubscriptionChangesPreview($id: ID!, $changes: SubscriptionChangesInput) {\n    previewInvoice(subscriptionId: $id, subscriptionChanges: $changes) {\n      ...BillingPreview\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SubscriptionsList($c: ID, $s: SubscriptionStatus, $first: Int, $after: String) {\n    subscriptions(customerId: $c, status: $s, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          status\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query SubscriptionsList($c: ID, $s: SubscriptionStatus, $first: Int, $after: String) {\n    subscriptions(customerId: $c, status: $s, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          status\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SubscriptionsPage($c: ID, $first: Int, $after: String, $last: Int, $before: String) {\n    subscriptions(customerId: $c, first: $first, after: $after, last: $last, before: $before) {\n      edges {\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query SubscriptionsPage($c: ID, $first: Int, $after: String, $last: Int, $before: String) {\n    subscriptions(customerId: $c, first: $first, after: $after, last: $last, before: $before) {\n      edges {\n        node {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SubscriptionsNodes($s: ID!, $i: ID!) {\n    s: node(id: $s) {\n      __typename\n      id\n      ... on Subscription {\n        status\n      }\n    }\n    i: node(id: $i) {\n      __typename\n      id\n      ... on SubscriptionItem {\n        quantity\n        price {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SubscriptionsNodes($s: ID!, $i: ID!) {\n    s: node(id: $s) {\n      __typename\n      id\n      ... on Subscription {\n        status\n      }\n    }\n    i: node(id: $i) {\n      __typename\n      id\n      ... on SubscriptionItem {\n        quantity\n        price {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SubscriptionsViaCustomer($id: ID!) {\n    customer(id: $id) {\n      subscriptions(first: 10) {\n        edges {\n          node {\n            id\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SubscriptionsViaCustomer($id: ID!) {\n    customer(id: $id) {\n      subscriptions(first: 10) {\n        edges {\n          node {\n            id\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SubscriptionsIsolation($id: ID!, $item: ID!, $c: ID!) {\n    subscription(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    item: node(id: $item) {\n      id\n    }\n    subscriptions(customerId: $c) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    all: subscriptions {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    previewInvoice(subscriptionId: $id) {\n      total {\n        amount\n      }\n    }\n  }\n"): (typeof documents)["\n  query SubscriptionsIsolation($id: ID!, $item: ID!, $c: ID!) {\n    subscription(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    item: node(id: $item) {\n      id\n    }\n    subscriptions(customerId: $c) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    all: subscriptions {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    previewInvoice(subscriptionId: $id) {\n      total {\n        amount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BillingLine on InvoiceLine {\n    kind\n    description\n    price {\n      id\n    }\n    tier\n    quantity\n    unitAmount\n    amount {\n      amount\n      currency\n    }\n    periodStart\n    periodEnd\n  }\n"): (typeof documents)["\n  fragment BillingLine on InvoiceLine {\n    kind\n    description\n    price {\n      id\n    }\n    tier\n    quantity\n    unitAmount\n    amount {\n      amount\n      currency\n    }\n    periodStart\n    periodEnd\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BillingInvoice on Invoice {\n    id\n    number\n    status\n    billingReason\n    currency\n    periodStart\n    periodEnd\n    createdAt\n    finalizedAt\n    customer {\n      id\n    }\n    subscription {\n      id\n    }\n    lines {\n      ...BillingLine\n    }\n    subtotal {\n      amount\n      currency\n    }\n    creditsApplied {\n      amount\n      currency\n    }\n    total {\n      amount\n      currency\n    }\n    amountDue {\n      amount\n      currency\n    }\n  }\n"): (typeof documents)["\n  fragment BillingInvoice on Invoice {\n    id\n    number\n    status\n    billingReason\n    currency\n    periodStart\n    periodEnd\n    createdAt\n    finalizedAt\n    customer {\n      id\n    }\n    subscription {\n      id\n    }\n    lines {\n      ...BillingLine\n    }\n    subtotal {\n      amount\n      currency\n    }\n    creditsApplied {\n      amount\n      currency\n    }\n    total {\n      amount\n      currency\n    }\n    amountDue {\n      amount\n      currency\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BillingPreview on InvoicePreview {\n    customer {\n      id\n    }\n    subscription {\n      id\n    }\n    currency\n    periodStart\n    periodEnd\n    lines {\n      ...BillingLine\n    }\n    subtotal {\n      amount\n      currency\n    }\n    creditsApplied {\n      amount\n      currency\n    }\n    total {\n      amount\n      currency\n    }\n    amountDue {\n      amount\n      currency\n    }\n  }\n"): (typeof documents)["\n  fragment BillingPreview on InvoicePreview {\n    customer {\n      id\n    }\n    subscription {\n      id\n    }\n    currency\n    periodStart\n    periodEnd\n    lines {\n      ...BillingLine\n    }\n    subtotal {\n      amount\n      currency\n    }\n    creditsApplied {\n      amount\n      currency\n    }\n    total {\n      amount\n      currency\n    }\n    amountDue {\n      amount\n      currency\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BillingCancelSubscription($input: CancelSubscriptionInput!) {\n    cancelSubscription(input: $input) {\n      __typename\n      ...CatalogSubscription\n      ...CatalogError\n    }\n  }\n"): (typeof documents)["\n  mutation BillingCancelSubscription($input: CancelSubscriptionInput!) {\n    cancelSubscription(input: $input) {\n      __typename\n      ...CatalogSubscription\n      ...CatalogError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BillingUpdateSubscription($input: UpdateSubscriptionInput!) {\n    updateSubscription(input: $input) {\n      __typename\n      ...CatalogSubscription\n      ...CatalogError\n    }\n  }\n"): (typeof documents)["\n  mutation BillingUpdateSubscription($input: UpdateSubscriptionInput!) {\n    updateSubscription(input: $input) {\n      __typename\n      ...CatalogSubscription\n      ...CatalogError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BillingRecordMeterEvent($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ... on MeterEvent {\n        identifier\n        value\n        timestamp\n      }\n      ...CatalogError\n    }\n  }\n"): (typeof documents)["\n  mutation BillingRecordMeterEvent($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ... on MeterEvent {\n        identifier\n        value\n        timestamp\n      }\n      ...CatalogError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BillingPreviewInvoice($id: ID!) {\n    previewInvoice(subscriptionId: $id) {\n      ...BillingPreview\n    }\n  }\n"): (typeof documents)["\n  query BillingPreviewInvoice($id: ID!) {\n    previewInvoice(subscriptionId: $id) {\n      ...BillingPreview\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BillingSubscription($id: ID!) {\n    subscription(id: $id) {\n      ...CatalogSubscription\n    }\n  }\n"): (typeof documents)["\n  query BillingSubscription($id: ID!) {\n    subscription(id: $id) {\n      ...CatalogSubscription\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BillingInvoices($customerId: ID, $subscriptionId: ID, $status: InvoiceStatus) {\n    invoices(first: 100, customerId: $customerId, subscriptionId: $subscriptionId, status: $status) {\n      edges {\n        node {\n          ...BillingInvoice\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BillingInvoices($customerId: ID, $subscriptionId: ID, $status: InvoiceStatus) {\n    invoices(first: 100, customerId: $customerId, subscriptionId: $subscriptionId, status: $status) {\n      edges {\n        node {\n          ...BillingInvoice\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CatalogError on Error {\n    code\n    message\n    field\n  }\n"): (typeof documents)["\n  fragment CatalogError on Error {\n    code\n    message\n    field\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CatalogMeter on Meter {\n    id\n    displayName\n    eventName\n    aggregation\n    customerPayloadKey\n    valuePayloadKey\n    status\n    createdAt\n  }\n"): (typeof documents)["\n  fragment CatalogMeter on Meter {\n    id\n    displayName\n    eventName\n    aggregation\n    customerPayloadKey\n    valuePayloadKey\n    status\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CatalogProduct on Product {\n    id\n    name\n    description\n    active\n    createdAt\n  }\n"): (typeof documents)["\n  fragment CatalogProduct on Product {\n    id\n    name\n    description\n    active\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CatalogPrice on Price {\n    id\n    currency\n    nickname\n    lookupKey\n    active\n    billingScheme\n    unitAmount\n    tiersMode\n    createdAt\n    product {\n      id\n      name\n    }\n    recurring {\n      interval\n      intervalCount\n      usageType\n      meter {\n        id\n        eventName\n      }\n    }\n    tiers {\n      upTo\n      unitAmount\n      flatAmount\n    }\n    transformQuantity {\n      divideBy\n      round\n    }\n  }\n"): (typeof documents)["\n  fragment CatalogPrice on Price {\n    id\n    currency\n    nickname\n    lookupKey\n    active\n    billingScheme\n    unitAmount\n    tiersMode\n    createdAt\n    product {\n      id\n      name\n    }\n    recurring {\n      interval\n      intervalCount\n      usageType\n      meter {\n        id\n        eventName\n      }\n    }\n    tiers {\n      upTo\n      unitAmount\n      flatAmount\n    }\n    transformQuantity {\n      divideBy\n      round\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CatalogSubscription on Subscription {\n    id\n    status\n    billingMode\n    currency\n    startDate\n    billingCycleAnchor\n    currentPeriodStart\n    currentPeriodEnd\n    cancelAtPeriodEnd\n    canceledAt\n    trialStart\n    trialEnd\n    createdAt\n    customer {\n      id\n    }\n    items {\n      id\n      quantity\n      price {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment CatalogSubscription on Subscription {\n    id\n    status\n    billingMode\n    currency\n    startDate\n    billingCycleAnchor\n    currentPeriodStart\n    currentPeriodEnd\n    cancelAtPeriodEnd\n    canceledAt\n    trialStart\n    trialEnd\n    createdAt\n    customer {\n      id\n    }\n    items {\n      id\n      quantity\n      price {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CatalogCreditGrant on CreditGrant {\n    id\n    customer {\n      id\n    }\n    name\n    amount {\n      amount\n      currency\n    }\n    remaining {\n      amount\n      currency\n    }\n    category\n    priority\n    priceIds\n    effectiveAt\n    expiresAt\n    expiredAt\n    voidedAt\n    createdAt\n  }\n"): (typeof documents)["\n  fragment CatalogCreditGrant on CreditGrant {\n    id\n    customer {\n      id\n    }\n    name\n    amount {\n      amount\n      currency\n    }\n    remaining {\n      amount\n      currency\n    }\n    category\n    priority\n    priceIds\n    effectiveAt\n    expiresAt\n    expiredAt\n    voidedAt\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CatalogCreateMeter($input: CreateMeterInput!) {\n    createMeter(input: $input) {\n      __typename\n      ...CatalogMeter\n      ...CatalogError\n    }\n  }\n"): (typeof documents)["\n  mutation CatalogCreateMeter($input: CreateMeterInput!) {\n    createMeter(input: $input) {\n      __typename\n      ...CatalogMeter\n      ...CatalogError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CatalogCreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      __typename\n      ...CatalogProduct\n      ...CatalogError\n    }\n  }\n"): (typeof documents)["\n  mutation CatalogCreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      __typename\n      ...CatalogProduct\n      ...CatalogError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CatalogCreatePrice($input: CreatePriceInput!) {\n    createPrice(input: $input) {\n      __typename\n      ...CatalogPrice\n      ...CatalogError\n    }\n  }\n"): (typeof documents)["\n  mutation CatalogCreatePrice($input: CreatePriceInput!) {\n    createPrice(input: $input) {\n      __typename\n      ...CatalogPrice\n      ...CatalogError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CatalogUpdatePrice($input: UpdatePriceInput!) {\n    updatePrice(input: $input) {\n      __typename\n      ...CatalogPrice\n      ...CatalogError\n    }\n  }\n"): (typeof documents)["\n  mutation CatalogUpdatePrice($input: UpdatePriceInput!) {\n    updatePrice(input: $input) {\n      __typename\n      ...CatalogPrice\n      ...CatalogError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CatalogCreateCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      __typename\n      ... on Customer {\n        id\n        name\n        email\n        metadata\n        createdAt\n      }\n      ...CatalogError\n    }\n  }\n"): (typeof documents)["\n  mutation CatalogCreateCustomer($input: CreateCustomerInput!) {\n    createCustomer(input: $input) {\n      __typename\n      ... on Customer {\n        id\n        name\n        email\n        metadata\n        createdAt\n      }\n      ...CatalogError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CatalogCreateTestClock($input: CreateTestClockInput!) {\n    createTestClock(input: $input) {\n      __typename\n      ... on TestClock {\n        id\n        frozenTime\n      }\n      ...CatalogError\n    }\n  }\n"): (typeof documents)["\n  mutation CatalogCreateTestClock($input: CreateTestClockInput!) {\n    createTestClock(input: $input) {\n      __typename\n      ... on TestClock {\n        id\n        frozenTime\n      }\n      ...CatalogError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CatalogAdvanceTestClock($input: AdvanceTestClockInput!) {\n    advanceTestClock(input: $input) {\n      __typename\n      ... on TestClock {\n        id\n        frozenTime\n      }\n      ...CatalogError\n    }\n  }\n"): (typeof documents)["\n  mutation CatalogAdvanceTestClock($input: AdvanceTestClockInput!) {\n    advanceTestClock(input: $input) {\n      __typename\n      ... on TestClock {\n        id\n        frozenTime\n      }\n      ...CatalogError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CatalogCreateSubscription($input: CreateSubscriptionInput!) {\n    createSubscription(input: $input) {\n      __typename\n      ...CatalogSubscription\n      ...CatalogError\n    }\n  }\n"): (typeof documents)["\n  mutation CatalogCreateSubscription($input: CreateSubscriptionInput!) {\n    createSubscription(input: $input) {\n      __typename\n      ...CatalogSubscription\n      ...CatalogError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CatalogCreateCreditGrant($input: CreateCreditGrantInput!) {\n    createCreditGrant(input: $input) {\n      __typename\n      ...CatalogCreditGrant\n      ...CatalogError\n    }\n  }\n"): (typeof documents)["\n  mutation CatalogCreateCreditGrant($input: CreateCreditGrantInput!) {\n    createCreditGrant(input: $input) {\n      __typename\n      ...CatalogCreditGrant\n      ...CatalogError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LifecycleInvoiceState($id: ID!) {\n    invoice(id: $id) {\n      id\n      number\n      status\n      amountDue { amount }\n      amountPaid { amount }\n      amountRemaining { amount }\n      startingBalance { amount }\n      endingBalance { amount }\n      prePaymentCreditNotesAmount { amount }\n      postPaymentCreditNotesAmount { amount }\n      paidOutOfBand\n      dueDate\n      createdAt\n      paidAt\n      voidedAt\n      markedUncollectibleAt\n      lines { id amount { amount } }\n      creditNotes { id number amount { amount } }\n    }\n  }\n"): (typeof documents)["\n  query LifecycleInvoiceState($id: ID!) {\n    invoice(id: $id) {\n      id\n      number\n      status\n      amountDue { amount }\n      amountPaid { amount }\n      amountRemaining { amount }\n      startingBalance { amount }\n      endingBalance { amount }\n      prePaymentCreditNotesAmount { amount }\n      postPaymentCreditNotesAmount { amount }\n      paidOutOfBand\n      dueDate\n      createdAt\n      paidAt\n      voidedAt\n      markedUncollectibleAt\n      lines { id amount { amount } }\n      creditNotes { id number amount { amount } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecyclePay($input: PayInvoiceInput!) {\n    payInvoice(input: $input) {\n      __typename\n      ... on Invoice { id status }\n      ... on Error { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation LifecyclePay($input: PayInvoiceInput!) {\n    payInvoice(input: $input) {\n      __typename\n      ... on Invoice { id status }\n      ... on Error { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecycleVoid($input: VoidInvoiceInput!) {\n    voidInvoice(input: $input) {\n      __typename\n      ... on Invoice { id status }\n      ... on Error { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation LifecycleVoid($input: VoidInvoiceInput!) {\n    voidInvoice(input: $input) {\n      __typename\n      ... on Invoice { id status }\n      ... on Error { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecycleUncollectible($input: MarkInvoiceUncollectibleInput!) {\n    markInvoiceUncollectible(input: $input) {\n      __typename\n      ... on Invoice { id status }\n      ... on Error { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation LifecycleUncollectible($input: MarkInvoiceUncollectibleInput!) {\n    markInvoiceUncollectible(input: $input) {\n      __typename\n      ... on Invoice { id status }\n      ... on Error { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecycleCreateCreditNote($input: CreateCreditNoteInput!) {\n    createCreditNote(input: $input) {\n      __typename\n      ... on CreditNote {\n        id\n        number\n        type\n        status\n        reason\n        memo\n        amount { amount currency }\n        creditAmount { amount }\n        outOfBandAmount { amount }\n        invoice { id }\n        customer { id }\n        lines { invoiceLineId description quantity unitAmount amount { amount } }\n      }\n      ... on Error { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation LifecycleCreateCreditNote($input: CreateCreditNoteInput!) {\n    createCreditNote(input: $input) {\n      __typename\n      ... on CreditNote {\n        id\n        number\n        type\n        status\n        reason\n        memo\n        amount { amount currency }\n        creditAmount { amount }\n        outOfBandAmount { amount }\n        invoice { id }\n        customer { id }\n        lines { invoiceLineId description quantity unitAmount amount { amount } }\n      }\n      ... on Error { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecycleVoidCreditNote($input: VoidCreditNoteInput!) {\n    voidCreditNote(input: $input) {\n      __typename\n      ... on CreditNote { id status voidedAt }\n      ... on Error { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation LifecycleVoidCreditNote($input: VoidCreditNoteInput!) {\n    voidCreditNote(input: $input) {\n      __typename\n      ... on CreditNote { id status voidedAt }\n      ... on Error { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LifecycleBalance($id: ID!) {\n    customer(id: $id) {\n      balances { amount currency }\n    }\n    customerBalanceTransactions(first: 100, customerId: $id) {\n      edges {\n        node {\n          type\n          amount { amount }\n          endingBalance { amount }\n          invoice { id }\n          creditNote { id }\n          description\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LifecycleBalance($id: ID!) {\n    customer(id: $id) {\n      balances { amount currency }\n    }\n    customerBalanceTransactions(first: 100, customerId: $id) {\n      edges {\n        node {\n          type\n          amount { amount }\n          endingBalance { amount }\n          invoice { id }\n          creditNote { id }\n          description\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecycleAdjustBalance($input: CreateCustomerBalanceTransactionInput!) {\n    createCustomerBalanceTransaction(input: $input) {\n      __typename\n      ... on CustomerBalanceTransaction { id type amount { amount currency } endingBalance { amount } }\n      ... on Error { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation LifecycleAdjustBalance($input: CreateCustomerBalanceTransactionInput!) {\n    createCustomerBalanceTransaction(input: $input) {\n      __typename\n      ... on CustomerBalanceTransaction { id type amount { amount currency } endingBalance { amount } }\n      ... on Error { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TestMeterEvent on MeterEvent {\n    identifier\n    eventName\n    value\n    timestamp\n    payload\n    createdAt\n    canceledAt\n    customer {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment TestMeterEvent on MeterEvent {\n    identifier\n    eventName\n    value\n    timestamp\n    payload\n    createdAt\n    canceledAt\n    customer {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestRecordMeterEvent($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ...TestMeterEvent\n      ... on MeterEventError {\n        existingEvent {\n          ...TestMeterEvent\n        }\n      }\n      ...CatalogError\n    }\n  }\n"): (typeof documents)["\n  mutation TestRecordMeterEvent($input: RecordMeterEventInput!) {\n    recordMeterEvent(input: $input) {\n      __typename\n      ...TestMeterEvent\n      ... on MeterEventError {\n        existingEvent {\n          ...TestMeterEvent\n        }\n      }\n      ...CatalogError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestRecordMeterEvents($input: RecordMeterEventsInput!) {\n    recordMeterEvents(input: $input) {\n      __typename\n      ... on RecordMeterEventsSummary {\n        accepted\n        duplicates\n        rejected {\n          index\n          code\n          message\n        }\n      }\n      ...CatalogError\n    }\n  }\n"): (typeof documents)["\n  mutation TestRecordMeterEvents($input: RecordMeterEventsInput!) {\n    recordMeterEvents(input: $input) {\n      __typename\n      ... on RecordMeterEventsSummary {\n        accepted\n        duplicates\n        rejected {\n          index\n          code\n          message\n        }\n      }\n      ...CatalogError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestCancelMeterEvent($input: CancelMeterEventInput!) {\n    cancelMeterEvent(input: $input) {\n      __typename\n      ...TestMeterEvent\n      ...CatalogError\n    }\n  }\n"): (typeof documents)["\n  mutation TestCancelMeterEvent($input: CancelMeterEventInput!) {\n    cancelMeterEvent(input: $input) {\n      __typename\n      ...TestMeterEvent\n      ...CatalogError\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TestMeterEventSummaries(\n    $meterId: ID!\n    $customerId: ID!\n    $startTime: DateTime!\n    $endTime: DateTime!\n    $groupingWindow: UsageWindow\n  ) {\n    meterEventSummaries(\n      meterId: $meterId\n      customerId: $customerId\n      startTime: $startTime\n      endTime: $endTime\n      groupingWindow: $groupingWindow\n    ) {\n      startTime\n      endTime\n      aggregatedValue\n    }\n  }\n"): (typeof documents)["\n  query TestMeterEventSummaries(\n    $meterId: ID!\n    $customerId: ID!\n    $startTime: DateTime!\n    $endTime: DateTime!\n    $groupingWindow: UsageWindow\n  ) {\n    meterEventSummaries(\n      meterId: $meterId\n      customerId: $customerId\n      startTime: $startTime\n      endTime: $endTime\n      groupingWindow: $groupingWindow\n    ) {\n      startTime\n      endTime\n      aggregatedValue\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SupportCreateCustomerSession($input: CreateCustomerSessionInput!) {\n    createCustomerSession(input: $input) {\n      __typename\n      ... on CustomerSession {\n        id\n        token\n        customerId\n        scopes\n        meterIds\n        expiresAt\n        createdAt\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SupportCreateCustomerSession($input: CreateCustomerSessionInput!) {\n    createCustomerSession(input: $input) {\n      __typename\n      ... on CustomerSession {\n        id\n        token\n        customerId\n        scopes\n        meterIds\n        expiresAt\n        createdAt\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenancyRead($id: ID!) {\n    testClock(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query TenancyRead($id: ID!) {\n    testClock(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenancyNode($id: ID!) {\n    node(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query TenancyNode($id: ID!) {\n    node(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TenancyAdvance($id: ID!) {\n    advanceTestClock(input: { id: $id, frozenTime: \"2027-01-01T00:00:00Z\" }) {\n      __typename\n      ... on Error {\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TenancyAdvance($id: ID!) {\n    advanceTestClock(input: { id: $id, frozenTime: \"2027-01-01T00:00:00Z\" }) {\n      __typename\n      ... on Error {\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestClocksCreate($input: CreateTestClockInput!) {\n    createTestClock(input: $input) {\n      __typename\n      ... on TestClock {\n        id\n        name\n        frozenTime\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TestClocksCreate($input: CreateTestClockInput!) {\n    createTestClock(input: $input) {\n      __typename\n      ... on TestClock {\n        id\n        name\n        frozenTime\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestClocksAdvance($input: AdvanceTestClockInput!) {\n    advanceTestClock(input: $input) {\n      __typename\n      ... on TestClock {\n        id\n        frozenTime\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TestClocksAdvance($input: AdvanceTestClockInput!) {\n    advanceTestClock(input: $input) {\n      __typename\n      ... on TestClock {\n        id\n        frozenTime\n        status\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TestClocksFrozenTime($id: ID!) {\n    testClock(id: $id) {\n      frozenTime\n    }\n  }\n"): (typeof documents)["\n  query TestClocksFrozenTime($id: ID!) {\n    testClock(id: $id) {\n      frozenTime\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TestClocksId($id: ID!) {\n    testClock(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query TestClocksId($id: ID!) {\n    testClock(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TestClocksList {\n    testClocks(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TestClocksList {\n    testClocks(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestClocksDelete($input: TestClockIdInput!) {\n    deleteTestClock(input: $input) {\n      __typename\n      ... on DeletedTestClock {\n        id\n        deleted\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TestClocksDelete($input: TestClockIdInput!) {\n    deleteTestClock(input: $input) {\n      __typename\n      ... on DeletedTestClock {\n        id\n        deleted\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhooksEndpoint on WebhookEndpoint {\n    id\n    url\n    description\n    enabledEvents\n    status\n    createdAt\n  }\n"): (typeof documents)["\n  fragment WebhooksEndpoint on WebhookEndpoint {\n    id\n    url\n    description\n    enabledEvents\n    status\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhooksCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      __typename\n      ... on WebhookEndpointWithSecret {\n        secret\n        endpoint {\n          ...WebhooksEndpoint\n        }\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WebhooksCreateEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      __typename\n      ... on WebhookEndpointWithSecret {\n        secret\n        endpoint {\n          ...WebhooksEndpoint\n        }\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhooksUpdateEndpoint($input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(input: $input) {\n      __typename\n      ...WebhooksEndpoint\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WebhooksUpdateEndpoint($input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(input: $input) {\n      __typename\n      ...WebhooksEndpoint\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhooksDeleteEndpoint($id: ID!) {\n    deleteWebhookEndpoint(input: { id: $id }) {\n      __typename\n      ... on DeletedWebhookEndpoint {\n        id\n        deleted\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WebhooksDeleteEndpoint($id: ID!) {\n    deleteWebhookEndpoint(input: { id: $id }) {\n      __typename\n      ... on DeletedWebhookEndpoint {\n        id\n        deleted\n      }\n      ... on Error {\n        code\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhooksDeliveries($id: ID!) {\n    webhookDeliveries(endpointId: $id, first: 100) {\n      edges {\n        node {\n          id\n          status\n          attempts\n          nextAttemptAt\n          lastAttemptAt\n          lastResponseStatus\n          lastError\n          deliveredAt\n          event {\n            id\n            type\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhooksDeliveries($id: ID!) {\n    webhookDeliveries(endpointId: $id, first: 100) {\n      edges {\n        node {\n          id\n          status\n          attempts\n          nextAttemptAt\n          lastAttemptAt\n          lastResponseStatus\n          lastError\n          deliveredAt\n          event {\n            id\n            type\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhooksEndpoints {\n    webhookEndpoints(first: 100) {\n      edges {\n        node {\n          ...WebhooksEndpoint\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhooksEndpoints {\n    webhookEndpoints(first: 100) {\n      edges {\n        node {\n          ...WebhooksEndpoint\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhooksDeleted($id: ID!) {\n    webhookEndpoint(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    webhookEndpoints(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhooksDeleted($id: ID!) {\n    webhookEndpoint(id: $id) {\n      id\n    }\n    node(id: $id) {\n      id\n    }\n    webhookEndpoints(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhooksLastMeterCreated {\n    events(first: 1, type: \"billing.meter.created\") {\n      edges {\n        node {\n          id\n          type\n          data\n          createdAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhooksLastMeterCreated {\n    events(first: 1, type: \"billing.meter.created\") {\n      edges {\n        node {\n          id\n          type\n          data\n          createdAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhooksCreateAlert($input: CreateUsageAlertInput!) {\n    createUsageAlert(input: $input) {\n      __typename\n      ... on UsageAlert {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WebhooksCreateAlert($input: CreateUsageAlertInput!) {\n    createUsageAlert(input: $input) {\n      __typename\n      ... on UsageAlert {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhooksRecordMany($input: RecordMeterEventsInput!) {\n    recordMeterEvents(input: $input) {\n      ... on RecordMeterEventsSummary {\n        accepted\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WebhooksRecordMany($input: RecordMeterEventsInput!) {\n    recordMeterEvents(input: $input) {\n      ... on RecordMeterEventsSummary {\n        accepted\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhooksVisible($id: ID!) {\n    webhookEndpoint(id: $id) {\n      id\n    }\n    webhookEndpoints(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhooksVisible($id: ID!) {\n    webhookEndpoint(id: $id) {\n      id\n    }\n    webhookEndpoints(first: 100) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;