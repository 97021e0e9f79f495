package io.backprop.support;

class NumpyCondition extends RequiredTool {

    NumpyCondition() {
        super("BACKPROP_REQUIRE_NUMPY");
    }

    @Override
    String missing() {
        return Numpy.available() ? null
                : "python3 cannot import NumPy; install it with: apt-get install python3-numpy";
    }
}
