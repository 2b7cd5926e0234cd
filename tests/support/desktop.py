#!/usr/bin/python3
"""The desktop around the app, for the tray test (tests/tray.rs): a tray, its menu, and
the window's close button. Run with Debian's /usr/bin/python3 (python3-dbus, python3-gi,
python3-xlib).

  desktop.py tray ITEMS_FILE    serve a StatusNotifierWatcher with a host registered (a
                                tray) on the session bus; each item that registers is
                                written to ITEMS_FILE as "bus-name/object-path"
  desktop.py menu ITEM          print the item's menu as JSON: [[id, label], ...]
  desktop.py click ITEM ID      click a menu entry, as a person does in the tray
  desktop.py close TITLE        press the window's close button (WM_DELETE_WINDOW)
  desktop.py shown TITLE        print "shown" or "hidden": whether the window is mapped
"""
import json
import sys

WATCHER = "org.kde.StatusNotifierWatcher"


def tray(items_file):
    import dbus
    import dbus.service
    from dbus.mainloop.glib import DBusGMainLoop
    from gi.repository import GLib

    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    items = []

    class Watcher(dbus.service.Object):
        @dbus.service.method(WATCHER, in_signature="s", sender_keyword="sender")
        def RegisterStatusNotifierItem(self, service, sender=None):
            # An item names its object path (the sender is its bus name) or its bus name.
            item = sender + service if service.startswith("/") else service + "/StatusNotifierItem"
            items.append(item)
            with open(items_file, "w") as f:
                f.write("\n".join(items) + "\n")
            self.StatusNotifierItemRegistered(item)

        @dbus.service.method(WATCHER, in_signature="s")
        def RegisterStatusNotifierHost(self, service):
            pass

        @dbus.service.signal(WATCHER, signature="s")
        def StatusNotifierItemRegistered(self, item):
            pass

        @dbus.service.method(dbus.PROPERTIES_IFACE, in_signature="ss", out_signature="v")
        def Get(self, interface, prop):
            return self.GetAll(interface)[prop]

        @dbus.service.method(dbus.PROPERTIES_IFACE, in_signature="s", out_signature="a{sv}")
        def GetAll(self, interface):
            return {
                "IsStatusNotifierHostRegistered": True,
                "ProtocolVersion": dbus.Int32(0),
                "RegisteredStatusNotifierItems": dbus.Array(items, signature="s"),
            }

    Watcher(bus, "/StatusNotifierWatcher")
    _name = dbus.service.BusName(WATCHER, bus)
    GLib.MainLoop().run()


def menu_object(item):
    import dbus

    bus = dbus.SessionBus()
    name, path = item.split("/", 1)
    props = dbus.Interface(bus.get_object(name, "/" + path), dbus.PROPERTIES_IFACE)
    menu_path = props.Get("org.kde.StatusNotifierItem", "Menu")
    return dbus.Interface(bus.get_object(name, menu_path), "com.canonical.dbusmenu")


def menu(item):
    _revision, (_id, _props, children) = menu_object(item).GetLayout(0, -1, ["label", "type", "visible"])
    entries = []
    for child in children:
        cid, props, _ = child
        if props.get("visible", True) and props.get("type", "standard") != "separator":
            entries.append([int(cid), str(props.get("label", ""))])
    print(json.dumps(entries))


def click(item, entry):
    import dbus

    menu_object(item).Event(dbus.Int32(int(entry)), "clicked", dbus.Int32(0, variant_level=1), dbus.UInt32(0))


def window(title):
    from Xlib import display

    d = display.Display()
    found = []

    def walk(w):
        try:
            if w.get_wm_name() == title:
                found.append(w)
            for child in w.query_tree().children:
                walk(child)
        except Exception:
            pass

    walk(d.screen().root)
    if len(found) != 1:
        sys.exit(f"{len(found)} windows are called {title!r}; one was expected")
    return d, found[0]


def close(title):
    from Xlib import X, protocol

    d, w = window(title)
    protocols = d.intern_atom("WM_PROTOCOLS")
    delete = d.intern_atom("WM_DELETE_WINDOW")
    event = protocol.event.ClientMessage(window=w, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0]))
    w.send_event(event, event_mask=X.NoEventMask)
    d.flush()


def shown(title):
    from Xlib import X

    _d, w = window(title)
    print("shown" if w.get_attributes().map_state == X.IsViewable else "hidden")


if __name__ == "__main__":
    commands = {"tray": tray, "menu": menu, "click": click, "close": close, "shown": shown}
    if len(sys.argv) < 3 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])
