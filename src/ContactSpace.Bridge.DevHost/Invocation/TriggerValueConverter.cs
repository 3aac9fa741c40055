using Azure.Storage.Queues.Models;

namespace ContactSpace.Bridge.DevHost.Invocation;

/// <summary>Turns what a trigger delivered into the parameter types the isolated worker offers for it.</summary>
internal static class TriggerValueConverter
{
    public static object Convert(object value, Type target)
    {
        if (target.IsInstanceOfType(value))
        {
            return value;
        }

        if (value is QueueMessage message)
        {
            if (target == typeof(string))
            {
                return message.MessageText;
            }

            if (target == typeof(BinaryData))
            {
                return message.Body;
            }

            if (target == typeof(byte[]))
            {
                return message.Body.ToArray();
            }
        }

        throw new BindingException($"A {value.GetType().Name} trigger value cannot bind to a {target.Name} parameter.");
    }
}
