"""Calls the functions of one test extension module with fixed arguments and
prints every result, so that a plain and an instrumented build of the module
can be compared line by line."""
import importlib
import sys
import types

TARGET = types.ModuleType("target")

CALLS = {
    "ledger_leaks": [
        ("forget_int", (5,)), ("forget_int", (100000,)),
        ("forget_int", (7,)), ("forget_int", (100001,)),
        ("incref_none", ()), ("incref_none", ()),
        ("error_path", (True,)), ("error_path", (False,)),
        ("add_object", (TARGET, 1000)), ("add_object", (object(), 1001)),
        ("drop_pair", (True,)), ("drop_pair", (False,)),
        ("loop_odd", (10,)),
        ("inline_argument", ([],)),
        ("drop_later", ()),
    ],
    "ledger_kept": [
        ("store_then_incref", ("kept",)), ("store_then_incref", (300,)),
        ("cache_then_incref", ("cached",)), ("cache_then_incref", (301,)),
        ("store_then_incref_value", ("value",)),
        ("store_then_incref_value", (302,)),
        ("give_to_unknown", (5,)), ("give_to_unknown", (500,)),
        ("steal_then_incref", ("s",)), ("steal_then_incref", (303,)),
        ("stored", ()),
        ("store_through_helper", (5,)), ("store_through_helper", (500,)),
        ("stored", ()),
        ("replace_through_helper", (3,)), ("replace_through_helper", (30,)),
        ("two_records", ()), ("two_records", ()),
    ],
    "ledger_clean": [
        ("store_field", (1,)), ("store_field", (300,)), ("stored", ()),
        ("store_global", (2,)), ("store_global", (400,)), ("stored", ()),
        ("store_slots", (3,)), ("stored", ()),
        ("out_param", (4,)),
        ("steal_all", (5,)),
        ("build_value", (6,)),
        ("add_object", (TARGET, 7)), ("add_object", (object(), 8)),
        ("new_ref", ("x",)),
        ("incref_return", ("y",)),
        ("use_helpers", (9,)),
        ("use_consumer", (1,)),
        ("goto_cleanup", (5,)), ("goto_cleanup", (-1,)),
        ("early_returns", (0,)), ("early_returns", (1,)), ("early_returns", (2,)),
        ("fetch_restore", ()),
        ("append_text", ("ab",)),
        ("clear_and_setref", (10,)),
        ("borrowed_items", ({"a": 1, "b": 2},)),
    ],
}


def main():
    name = sys.argv[1]
    module = importlib.import_module(name)
    for function, args in CALLS[name]:
        try:
            result = getattr(module, function)(*args)
            print(function, "->", repr(result))
        except Exception as error:  # the raised exception is output too
            print(function, "raised", type(error).__name__, error)
    print("target has", sorted(k for k in vars(TARGET) if not k.startswith("__")))


if __name__ == "__main__":
    main()
