using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace OperatorConsole.Bench.Live;

/// <summary>
/// --frames x: the WebSocket frames one page exchanges with its circuit, each way, with the hub method each names.
/// A frame is a browser task at each end and a SignalR message through the server, so what a change sends beyond its
/// one render batch (JS interop calls, acknowledgements) is work the 100 tabs and the console share the cores for.
/// </summary>
internal sealed class SocketFrames
{
    /// <summary>Hub methods and invocation targets Blazor Server names inside its (MessagePack) frames.</summary>
    private static readonly string[] Methods =
    [
        "JS.RenderBatch", "JS.BeginInvokeJS", "JS.EndInvokeDotNet", "JS.Error", "JS.AttachComponent", "JS.ReceiveByteArray",
        "OnRenderCompleted", "EndInvokeJSFromDotNet", "BeginInvokeDotNetFromJS", "OnLocationChanged", "DispatchBrowserEvent", "UpdateRootComponents",
    ];

    private readonly List<(DateTimeOffset At, bool Sent, int Bytes, string What)> _frames = [];
    private DateTimeOffset _from = DateTimeOffset.MaxValue;

    /// <summary>Listens to <paramref name="page"/>'s WebSockets; call before the page opens its circuit.</summary>
    public static SocketFrames Attach(IPage page)
    {
        var frames = new SocketFrames();
        page.WebSocket += (_, socket) =>
        {
            socket.FrameReceived += (_, frame) => frames.Add(sent: false, frame);
            socket.FrameSent += (_, frame) => frames.Add(sent: true, frame);
        };
        return frames;
    }

    /// <summary>Frames from now on are the change's.</summary>
    public void Mark()
    {
        lock (_frames)
        {
            _frames.Clear();
            _from = DateTimeOffset.UtcNow;
        }
    }

    public void Print(string title)
    {
        lock (_frames)
        {
            Console.WriteLine($"{title}: {_frames.Count} WebSocket frames in the first tab ({_frames.Count(f => !f.Sent)} to the browser, {_frames.Count(f => f.Sent)} from it)");
            foreach (var (at, sent, bytes, what) in _frames)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  +{(at - _from).TotalMilliseconds,6:0} ms {(sent ? "browser → server" : "server → browser")} {bytes,6} B {what}"));
            }
        }
    }

    private void Add(bool sent, IWebSocketFrame frame)
    {
        var bytes = frame.Binary ?? Encoding.UTF8.GetBytes(frame.Text ?? "");
        var text = Encoding.ASCII.GetString(bytes);
        var what = string.Join(", ", Methods.Where(m => text.Contains(m, StringComparison.Ordinal)));
        if (what.Length == 0)
        {
            // SignalR's own messages: a ping is type 6, a completion 3 (MessagePack arrays after a length prefix).
            what = bytes.Length <= 8 ? "SignalR control (ping or ack)" : "other";
        }

        lock (_frames)
        {
            if (DateTimeOffset.UtcNow >= _from)
            {
                _frames.Add((DateTimeOffset.UtcNow, sent, bytes.Length, what));
            }
        }
    }
}
