package io.backprop.model;

import io.backprop.support.ServiceTest;


/** The user's path on the embedded database. */
@ServiceTest
class ModelApiTests extends ModelFlowTests {
}
